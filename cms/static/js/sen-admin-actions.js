// Sen: a destructive action of the page editor's menu ("Huỷ quy trình duyệt") asks before it acts
// (cms/workflows/actions.py marks it with data-sen-confirm="<the question>").
document.addEventListener(
  "click",
  (event) => {
    const button = event.target.closest("[data-sen-confirm]");
    if (!button || !button.dataset.senConfirm) return;
    if (!window.confirm(button.dataset.senConfirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);
