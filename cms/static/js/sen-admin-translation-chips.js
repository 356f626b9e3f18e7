// wagtail-localize's translation editor shows a rich-text segment as its HTML string: the source reads
// 'Xem <a id="a1">quyết định</a>' and the translator was expected to type the tags too. Sen shows each
// inline tag as a chip ("Liên kết 1" … "/Liên kết 1", "Nghiêng", "Đậm") in the source, in the saved
// translation, and in an editable box that replaces the segment's text area: the text is edited, the chips
// are kept (or moved, or deleted) as whole tokens, and the box writes the tags back into the text area
// that wagtail-localize saves. Words come from Sen's catalogue (#sen-translation-chips).
(() => {
  const TAG = /<(\/?)(a|b|strong|i|em|u|s|sub|sup|code|span|br)\b((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/gi;
  const HAS_TAG = new RegExp(TAG.source, "i");
  const decoder = document.createElement("textarea");

  const decode = (text) => {
    decoder.innerHTML = text;
    return decoder.value;
  };
  const encode = (text) =>
    text.replace(/\u00a0/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  // "<a id="a1">x</a> <i>y</i>" -> [{tag, closing, name, number}, "x", …]
  const tokens = (html) => {
    const found = [];
    let last = 0;
    for (const match of html.matchAll(TAG)) {
      if (match.index > last) found.push(decode(html.slice(last, match.index)));
      const id = /\bid="[a-z]*(\d+)"/i.exec(match[3] || "");
      found.push({ tag: match[0], closing: match[1] === "/", name: match[2].toLowerCase(), number: id ? id[1] : "" });
      last = match.index + match[0].length;
    }
    if (last < html.length) found.push(decode(html.slice(last)));
    return found;
  };

  const start = () => {
    const data = document.getElementById("sen-translation-chips");
    const editor = document.querySelector(".js-translation-editor");
    if (!data || !editor) return;
    const words = JSON.parse(data.textContent);
    if (!document.querySelector(`link[href="${words.stylesheet}"]`)) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = words.stylesheet;
      document.head.append(link);
    }
    const kinds = { a: words.link, b: words.bold, strong: words.bold, i: words.italic, em: words.italic, br: words.lineBreak };

    // Links are numbered by their id (a1, a2…); a closing tag takes the number of the tag it closes.
    const chip = (token, open) => {
      const element = document.createElement("span");
      element.className = `sen-chip sen-chip-${token.name}${token.closing ? " sen-chip-close" : ""}`;
      element.contentEditable = "false";
      element.dataset.tag = token.tag;
      let number = token.number;
      if (token.closing) number = (open[token.name] || []).pop() || "";
      else if (token.name !== "br") (open[token.name] = open[token.name] || []).push(number);
      const label = `${kinds[token.name] || token.name}${number ? ` ${number}` : ""}`;
      element.textContent = token.closing ? `/${label}` : label;
      element.title = (token.closing ? words.end : words.start).replace("{name}", label);
      return element;
    };

    const render = (html, target) => {
      const open = {};
      for (const token of tokens(html)) {
        target.append(typeof token === "string" ? token : chip(token, open));
      }
    };

    const serialise = (box) => {
      let html = "";
      box.childNodes.forEach((node) => {
        if (node.nodeType === Node.TEXT_NODE) html += encode(node.textContent);
        else if (node.dataset && node.dataset.tag) html += node.dataset.tag;
        else if (node.nodeName === "BR") return;
        else html += encode(node.textContent);
      });
      return html.replace(/(\r\n|\n|\r)/g, "");
    };

    // Source texts and saved translations: the string is hidden (React keeps owning it), the chips shown.
    const showChips = (element) => {
      const text = Array.from(element.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join("");
      let view = element.querySelector(":scope > .sen-chips");
      if (view && view.dataset.source === text) return;
      if (!view) {
        view = document.createElement("span");
        view.className = "sen-chips";
        view.style.fontSize = getComputedStyle(element).fontSize;
        element.append(view);
      }
      view.replaceChildren();
      view.dataset.source = text;
      render(text, view);
      element.classList.add("sen-has-chips");
    };

    const setValue = (textarea, value) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
      setter.call(textarea, value);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    };

    const sourceOf = (textarea) => {
      const segment = textarea.closest("li");
      const source = segment && segment.querySelector(".sen-chips");
      return source ? source.dataset.source : "";
    };

    // The text area of a segment being edited: an editable box with chips in its place.
    const boxFor = (textarea) => {
      if (textarea.dataset.senBox) return;
      const initial = textarea.value || sourceOf(textarea);
      if (!HAS_TAG.test(initial)) return;
      textarea.dataset.senBox = "1";
      const box = document.createElement("div");
      box.className = "sen-chip-box";
      box.contentEditable = "true";
      box.setAttribute("role", "textbox");
      box.setAttribute("aria-label", words.box);
      // A segment not translated yet starts from the source, chips in place: the translator replaces the words.
      render(initial, box);
      if (!textarea.value) setValue(textarea, serialise(box));
      textarea.classList.add("sen-replaced");
      textarea.setAttribute("aria-hidden", "true");
      textarea.tabIndex = -1;
      textarea.after(box);
      box.addEventListener("input", () => setValue(textarea, serialise(box)));
      box.addEventListener("keydown", (event) => {
        if (event.key !== "Enter") return;
        event.preventDefault();
        setValue(textarea, serialise(box));
        textarea.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
      });
      box.addEventListener("paste", (event) => {
        event.preventDefault();
        const text = (event.clipboardData || window.clipboardData).getData("text/plain").replace(/\s+/g, " ");
        document.execCommand("insertText", false, text);
      });
      box.focus();
    };

    const fix = () => {
      observer.disconnect();
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      const parents = new Set();
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!parent || parent.closest(".sen-chips, .sen-chip-box, textarea, script")) continue;
        if (HAS_TAG.test(node.textContent)) parents.add(parent);
      }
      parents.forEach(showChips);
      editor.querySelectorAll(".sen-has-chips").forEach((element) => {
        const text = Array.from(element.childNodes).some(
          (node) => node.nodeType === Node.TEXT_NODE && HAS_TAG.test(node.textContent),
        );
        if (!text) {
          element.classList.remove("sen-has-chips");
          element.querySelectorAll(":scope > .sen-chips").forEach((view) => view.remove());
        }
      });
      editor.querySelectorAll("textarea").forEach(boxFor);
      // A box whose text area React removed (saved or cancelled) goes with it.
      editor.querySelectorAll(".sen-chip-box").forEach((box) => {
        const textarea = box.previousElementSibling;
        if (!textarea || textarea.tagName !== "TEXTAREA") box.remove();
      });
      observer.observe(editor, { childList: true, subtree: true, characterData: true });
    };
    const observer = new MutationObserver(fix);
    fix();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
