// The article editor page: the body's rich-text editor over its textarea, live character
// counts, the schedule's day picker, and a warning before leaving unsaved text. Without
// this script the page works as plain form fields. Every word shown comes from the page
// (data-* attributes rendered through Django's translations), none from here.
import { Editor } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import Link from "@tiptap/extension-link";
import { OrderedList } from "@tiptap/extension-list";
import StarterKit from "@tiptap/starter-kit";

// The schema admits only what khabar.articles.richtext lets readers see (a browser test
// holds the two together): paragraphs, h2/h3, bold, italic, links, lists, quotes, line
// breaks and images from the site's own media. Pasted Word or Google Docs HTML is parsed
// into this schema, so its styles, classes, mso- markup and scripts never arrive.
function bodyExtensions(mediaUrl) {
  const fromMedia = (src) => Boolean(src) && src.startsWith(mediaUrl);
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      link: false,
      orderedList: false,
    }),
    // Numbered lists without a start or a numbering type: the sanitiser keeps neither.
    OrderedList.extend({
      addAttributes() {
        const { start, type, ...kept } = this.parent();
        return kept;
      },
    }),
    // Links keep their address and title only: pasted class, target or rel would be
    // dropped by the sanitiser anyway (it sets rel itself).
    Link.extend({
      addAttributes() {
        const { href, title } = this.parent();
        return { href, title };
      },
    }).configure({
      openOnClick: false,
      autolink: false,
      protocols: ["http", "https", "mailto"],
      HTMLAttributes: { rel: null, target: null, class: null },
    }),
    Image.extend({
      addAttributes() {
        const { src, alt, width, height } = this.parent();
        return { src, alt, width, height };
      },
      parseHTML() {
        return [{ tag: "img[src]", getAttrs: (img) => fromMedia(img.getAttribute("src")) && null }];
      },
    }),
  ];
}

// A paste is parsed in an inert document (nothing runs, nothing loads) and read through
// the schema, and the server sanitises again; safety rests on those. But Chromium reports
// an event-handler attribute met by any parser of this page as a CSP violation, so the
// handlers of the paste's tags are renamed to data- attributes, which the schema drops.
const TAG = /<[a-z][^<>]*>/gi;
const HANDLER = /([\s/])on(?=[a-z]+\s*=)/gi;

function pasteDefused(html) {
  return html.replace(TAG, (tag) => tag.replace(HANDLER, "$1data-dropped-on"));
}

function bodyEditor(textarea) {
  const panel = document.getElementById("body-editor");
  if (!panel) return;
  const mediaUrl = panel.dataset.mediaUrl;
  const surface = panel.querySelector(".nr-body-surface");
  const editor = new Editor({
    element: surface,
    extensions: bodyExtensions(mediaUrl),
    content: textarea.value,
    // Each block carries dir="auto": an English paragraph in a Persian article reads
    // left to right, here and on the public page (the sanitiser keeps dir).
    textDirection: "auto",
    editorProps: {
      transformPastedHTML: pasteDefused,
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": textarea.labels[0]?.id || "",
        lang: textarea.lang,
        class: "nr-body-text",
      },
    },
    onUpdate: ({ editor: changed }) => {
      textarea.value = changed.getHTML();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
  const url = panel.querySelector(".nr-body-url");
  const say = panel.querySelector(".nr-body-message");
  const commands = {
    paragraph: (chain) => chain.setParagraph(),
    h2: (chain) => chain.toggleHeading({ level: 2 }),
    h3: (chain) => chain.toggleHeading({ level: 3 }),
    bold: (chain) => chain.toggleBold(),
    italic: (chain) => chain.toggleItalic(),
    bullets: (chain) => chain.toggleBulletList(),
    numbers: (chain) => chain.toggleOrderedList(),
    quote: (chain) => chain.toggleBlockquote(),
    ltr: (chain) => chain.setTextDirection("ltr"),
    rtl: (chain) => chain.setTextDirection("rtl"),
    link: (chain) => {
      const href = url.value.trim();
      if (!href) return chain.unsetLink();
      return chain.extendMarkRange("link").setLink({ href });
    },
    image: (chain) => {
      const src = url.value.trim();
      if (!src.startsWith(mediaUrl)) {
        say.textContent = panel.dataset.imageRefused;
        return null;
      }
      return chain.setImage({ src, alt: "" });
    },
  };
  for (const button of panel.querySelectorAll("button[data-command]")) {
    button.addEventListener("click", () => {
      say.textContent = "";
      const chain = commands[button.dataset.command](editor.chain().focus());
      if (chain) chain.run();
    });
  }
  textarea.hidden = true;
  panel.hidden = false;
}

function counts() {
  for (const counter of document.querySelectorAll("[data-count-for]")) {
    const field = document.getElementById(counter.dataset.countFor);
    const shown = counter.querySelector(".nr-count-n");
    const limit = Number(counter.dataset.limit);
    const update = () => {
      const length = [...field.value.trim()].length;
      shown.textContent = String(length);
      counter.classList.toggle("nr-count-over", length > limit);
    };
    field.addEventListener("input", update);
    update();
  }
}

// A day of the grid fills the schedule field's date and keeps a time already typed.
function dayPicker() {
  for (const grid of document.querySelectorAll("[data-schedule-for]")) {
    const field = document.getElementById(grid.dataset.scheduleFor);
    grid.hidden = false;
    grid.addEventListener("click", (event) => {
      const day = event.target.closest("button[data-day]");
      if (!day) return;
      const time = field.value.trim().split(/\s+/)[1] || grid.dataset.time;
      field.value = `${day.dataset.day} ${time}`;
      field.focus();
    });
  }
}

function unsavedWarning(form) {
  let dirty = false;
  form.addEventListener("input", () => {
    dirty = true;
  });
  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
}

const form = document.querySelector(".nr-editor-form");
if (form) {
  const body = form.querySelector("textarea[name=body]");
  if (body && !body.disabled) bodyEditor(body);
  unsavedWarning(form);
}
counts();
dayPicker();
