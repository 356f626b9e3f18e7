// wagtail-localize's translation editor (a React bundle) writes two strings without gettext:
// "<source> to <target> translation" and "More actions". Sen rewrites them as they render, in the
// words given by the page (#sen-localize-vi, from Sen's catalogue). Check on a wagtail-localize
// upgrade: tests/browser/test_admin_english_sweep.py lists what comes back.
(() => {
  const start = () => {
    const data = document.getElementById("sen-localize-vi");
    const editor = document.querySelector(".js-translation-editor");
    if (!data || !editor) return;
    const words = JSON.parse(data.textContent);
    const title = /^(.+) to (.+) translation$/;
    const fix = () => {
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const text = node.textContent.trim();
        const match = title.exec(text);
        if (match) {
          node.textContent = words.title.replace("{source}", match[1]).replace("{target}", match[2]);
        } else if (text === "More actions") {
          node.textContent = words.more;
        }
      }
    };
    fix();
    new MutationObserver(fix).observe(editor, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
