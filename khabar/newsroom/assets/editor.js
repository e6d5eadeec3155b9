// The article editor and new-article pages: the body's rich-text editor over its textarea
// with the media library's photo picker, live character counts, the schedule's day picker, and a warning before leaving unsaved text. Without
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
    // A library photo keeps its id as data-photo: the public page finds its current
    // renditions by it (khabar.photos.body), so a re-rendered photo never breaks the body.
    Image.extend({
      addAttributes() {
        const { src, alt, width, height } = this.parent();
        const photo = {
          default: null,
          parseHTML: (img) => img.getAttribute("data-photo"),
          renderHTML: (attributes) =>
            attributes.photo ? { "data-photo": attributes.photo } : {},
        };
        return { src, alt, width, height, photo };
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

// The library's photos with alt text and renditions, searched as one types; the one picked
// goes in at the cursor with the library's alt text and the rendition's size. The native
// modal dialog keeps focus inside and closes on Escape; focus then goes back to the
// button that opened it, or to the text after a photo went in.
function photoPicker(panel, editor) {
  const dialog = panel.querySelector(".nr-photo-picker");
  const opener = panel.querySelector(".nr-photo-open");
  const search = dialog.querySelector(".nr-photo-q");
  const status = dialog.querySelector(".nr-photo-status");
  const results = dialog.querySelector(".nr-photo-results");
  const more = dialog.querySelector(".nr-photo-more");
  let next = null;
  let asked = 0;
  let inserted = false;
  let typing;

  function choice(photo) {
    const button = document.createElement("button");
    button.type = "button";
    const thumb = document.createElement("img");
    thumb.src = photo.thumb;
    thumb.alt = "";
    const alt = document.createElement("span");
    alt.dir = "auto";
    alt.textContent = photo.alt;
    button.append(thumb, alt);
    if (photo.credit) {
      const credit = document.createElement("small");
      credit.dir = "auto";
      credit.textContent = photo.credit;
      button.append(credit);
    }
    button.addEventListener("click", () => {
      const { id, src, alt: text, width, height } = photo;
      editor.chain().focus().setImage({ src, alt: text, width, height, photo: String(id) }).run();
      inserted = true;
      dialog.close();
    });
    const item = document.createElement("li");
    item.append(button);
    return item;
  }

  // Only the latest request's answer is shown, whatever order the answers arrive in.
  async function load(page) {
    const ticket = ++asked;
    const query = new URLSearchParams({ q: search.value.trim(), page: String(page) });
    let answer;
    let failed = dialog.dataset.failed;
    try {
      const response = await fetch(`${panel.dataset.photosUrl}?${query}`, {
        headers: { Accept: "application/json" },
      });
      answer = await response.json();
      if (!response.ok) {
        failed = Object.values(answer.errors || {})
          .flat()
          .map((error) => error.message)
          .join(" ") || failed;
        answer = null;
      }
    } catch {
      answer = null;
    }
    if (ticket !== asked) return;
    if (!answer) {
      status.textContent = failed;
      return;
    }
    if (page === 1) results.replaceChildren();
    for (const photo of answer.photos) results.append(choice(photo));
    next = answer.next;
    more.hidden = !next;
    status.textContent = results.children.length ? "" : dialog.dataset.empty;
  }

  opener.addEventListener("click", () => {
    inserted = false;
    dialog.showModal();
    search.focus();
    load(1);
  });
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => load(1), 250);
  });
  // Enter searches at once; it must not submit the article's form around the dialog.
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    clearTimeout(typing);
    load(1);
  });
  more.addEventListener("click", () => {
    if (next) load(next);
  });
  dialog.querySelector(".nr-photo-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (inserted) editor.commands.focus();
    else opener.focus();
  });
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
    image: (chain) => chain.setImage({ src: url.value.trim(), alt: "" }),
  };
  // Said before any chain is made: a chain's focus() runs when it is made and moves the
  // focus into the text a frame later, so a refused address would lose the focus it needs.
  const refusals = {
    image: () => (url.value.trim().startsWith(mediaUrl) ? "" : panel.dataset.imageRefused),
  };
  for (const button of panel.querySelectorAll("button[data-command]")) {
    button.addEventListener("click", () => {
      const command = button.dataset.command;
      say.textContent = refusals[command]?.() || "";
      if (say.textContent) {
        url.focus();
        return;
      }
      commands[command](editor.chain().focus()).run();
    });
  }
  photoPicker(panel, editor);
  textarea.hidden = true;
  panel.hidden = false;
}

// The newsroom's numbers in its interface language's digits, as the server writes them
// (khabar.text.digits_of_language): Persian ۰-۹, Arabic ٠-٩, otherwise 0-9.
const ZEROS = { fa: 0x06f0, ar: 0x0660 };

function languageDigits(number) {
  const zero = ZEROS[document.documentElement.lang.toLowerCase().split("-")[0]];
  const text = String(number);
  return zero ? text.replace(/[0-9]/g, (digit) => String.fromCharCode(zero + Number(digit))) : text;
}

function counts() {
  for (const counter of document.querySelectorAll("[data-count-for]")) {
    const field = document.getElementById(counter.dataset.countFor);
    const shown = counter.querySelector(".nr-count-n");
    const limit = Number(counter.dataset.limit);
    const update = () => {
      const length = [...field.value.trim()].length;
      shown.textContent = languageDigits(length);
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
