// The editor's keyword field as a combobox over the edition's keywords (WAI-ARIA 1.2
// pattern: the listbox below the field, the option in focus by aria-activedescendant), and
// ticked suggestions written into the field at once. Without this script the field is plain
// text and a ticked suggestion is added on save.
(function () {
  "use strict";
  var box = document.querySelector(".nr-keyword-suggestions");
  if (!box) return;
  var field = document.getElementById(box.dataset.keywordField);
  if (!field) return;
  var joiner = box.dataset.joiner;
  var separators = /[,،\n]/;

  function names() {
    return field.value.split(separators).map(function (n) { return n.trim(); })
      .filter(function (n) { return n; });
  }

  function setNames(list) {
    field.value = list.join(joiner);
  }

  function lastPart() {
    var parts = field.value.split(separators);
    return parts[parts.length - 1].replace(/^\s+/, "");
  }

  // Suggestions: a tick writes the name into the field at once and a cleared one takes it
  // out, so the field alone is sent (the boxes lose their name) and the ticks follow it.
  var ticks = Array.prototype.slice.call(box.querySelectorAll("input[name=keyword_add]"));
  ticks.forEach(function (tick) { tick.removeAttribute("name"); });

  function syncTicks() {
    var present = names();
    ticks.forEach(function (tick) { tick.checked = present.indexOf(tick.value) >= 0; });
  }

  box.addEventListener("change", function (event) {
    var tick = event.target;
    if (ticks.indexOf(tick) < 0) return;
    var list = names().filter(function (n) { return n !== tick.value; });
    if (tick.checked) list.push(tick.value);
    setNames(list);
  });
  field.addEventListener("input", syncTicks);
  syncTicks();

  // Autocomplete.
  var listbox = document.createElement("ul");
  listbox.id = field.id + "-listbox";
  listbox.className = "nr-listbox";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", box.dataset.listboxLabel);
  listbox.hidden = true;
  field.insertAdjacentElement("afterend", listbox);
  field.setAttribute("role", "combobox");
  field.setAttribute("aria-autocomplete", "list");
  field.setAttribute("aria-controls", listbox.id);
  field.setAttribute("aria-expanded", "false");
  field.setAttribute("autocomplete", "off");

  var options = [];
  var active = -1;
  var timer = null;
  var asked = 0;

  function close() {
    listbox.hidden = true;
    listbox.textContent = "";
    options = [];
    active = -1;
    field.setAttribute("aria-expanded", "false");
    field.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      field.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      field.removeAttribute("aria-activedescendant");
    }
  }

  function pick(name) {
    var parts = field.value.split(separators);
    parts.pop();
    var list = parts.map(function (n) { return n.trim(); }).filter(function (n) { return n; });
    if (list.indexOf(name) < 0) list.push(name);
    field.value = list.join(joiner) + joiner;
    syncTicks();
    close();
    field.focus();
  }

  function show(keywords) {
    close();
    if (!keywords.length) return;
    keywords.forEach(function (keyword, i) {
      var option = document.createElement("li");
      option.id = listbox.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("dir", "auto");
      option.textContent = keyword.name;
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        pick(keyword.name);
      });
      listbox.appendChild(option);
      options.push(option);
    });
    listbox.hidden = false;
    field.setAttribute("aria-expanded", "true");
  }

  function lookup() {
    var prefix = lastPart();
    if (!prefix.trim()) { close(); return; }
    var ticket = ++asked;
    var url = box.dataset.autocompleteUrl + "?edition=" + encodeURIComponent(box.dataset.edition)
      + "&q=" + encodeURIComponent(prefix);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { keywords: [] }; })
      .then(function (data) { if (ticket === asked) show(data.keywords); })
      .catch(close);
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 150);
  });
  field.addEventListener("blur", close);
  field.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !listbox.hidden) {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault(); // picks the keyword instead of submitting the form
      pick(options[active].textContent);
    }
  });
})();
