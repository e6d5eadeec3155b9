// Upload progress for the submission form. Without this script the form posts as usual;
// with it, the same POST goes by XMLHttpRequest so the bar can follow the upload, and the
// answer (receipt, or the form with its errors) replaces the page.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.submit-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var box = form.querySelector(".submit-progress");
  var bar = box.querySelector("progress");
  var label = box.querySelector("span");
  var button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.responseType = "document";
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) return;
      var percent = Math.round((progress.loaded / progress.total) * 100);
      bar.value = percent;
      label.textContent = percent.toLocaleString(document.documentElement.lang) + "%";
    });
    request.addEventListener("load", function () {
      var page = request.response && request.response.documentElement;
      if (!page) { form.submit(); return; }
      document.replaceChild(document.importNode(page, true), document.documentElement);
      window.scrollTo(0, 0);
    });
    request.addEventListener("error", function () {
      box.hidden = true;
      button.disabled = false;
    });
    box.hidden = false;
    button.disabled = true;
    request.send(new FormData(form));
  });
});
