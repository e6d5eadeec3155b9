// The media library's two helpers; both pages work without them.
// 1. Uploads: each chosen file is sent on its own, with a progress bar and its own answer.
// 2. Focal point: a click on the photo fills the two number fields and moves the marker.
"use strict";

(function () {
  function uploadOne(form, file, item, labels) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      ["alt", "caption", "credit"].forEach(function (name) {
        data.append(name, form.elements[name].value);
      });
      data.append("files", file);
      var progress = item.querySelector("progress");
      var status = item.querySelector("[data-status]");
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          progress.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      request.addEventListener("load", function () {
        var answer = {};
        try { answer = JSON.parse(request.responseText); } catch (error) { answer = {}; }
        if (request.status === 201 && answer.photos) {
          progress.value = 100;
          var link = document.createElement("a");
          link.href = answer.photos[0].edit_url;
          link.textContent = labels.done;
          status.replaceChildren(link);
        } else {
          var errors = (answer.errors && answer.errors.files) || [{ message: labels.error }];
          var list = document.createElement("ul");
          list.className = "errorlist";
          list.setAttribute("role", "alert");
          errors.forEach(function (problem) {
            var line = document.createElement("li");
            line.textContent = problem.message;
            list.appendChild(line);
          });
          status.replaceChildren(labels.failed + ": ", list);
        }
        resolve();
      });
      request.addEventListener("error", function () {
        status.textContent = labels.error;
        resolve();
      });
      request.send(data);
    });
  }

  function setUpUploads(form) {
    var list = document.querySelector("[data-upload-list]");
    var finished = document.querySelector("[data-upload-finished]");
    if (!list || !window.FormData || !window.XMLHttpRequest) { return; }
    var labels = {
      uploading: list.dataset.labelUploading,
      done: list.dataset.labelDone,
      failed: list.dataset.labelFailed,
      error: list.dataset.labelError,
    };
    form.addEventListener("submit", function (event) {
      var files = Array.prototype.slice.call(form.elements.files.files);
      if (!files.length) { return; } // the server says a file is needed
      event.preventDefault();
      list.hidden = false;
      list.replaceChildren();
      var sends = files.map(function (file) {
        var item = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = file.name;
        name.dir = "auto";
        var progress = document.createElement("progress");
        progress.max = 100;
        progress.value = 0;
        progress.setAttribute("aria-label", labels.uploading + " " + file.name);
        var status = document.createElement("div");
        status.dataset.status = "";
        status.textContent = labels.uploading;
        item.append(name, progress, status);
        list.appendChild(item);
        return uploadOne(form, file, item, labels);
      });
      Promise.all(sends).then(function () {
        form.elements.files.value = "";
        finished.hidden = false;
      });
    });
  }

  function setUpFocal(figure) {
    var image = figure.querySelector("img");
    var marker = figure.querySelector(".nr-focal-marker");
    var across = document.getElementById("id_focal_x");
    var down = document.getElementById("id_focal_y");
    if (!image || !across || !down) { return; }
    function place() {
      marker.style.left = (Number(across.value) * 100) + "%";
      marker.style.top = (Number(down.value) * 100) + "%";
    }
    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      var x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      var y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
      across.value = x.toFixed(3);
      down.value = y.toFixed(3);
      place();
    });
    across.addEventListener("input", place);
    down.addEventListener("input", place);
  }

  document.querySelectorAll("form[data-photo-upload]").forEach(setUpUploads);
  document.querySelectorAll("[data-focal]").forEach(setUpFocal);
})();
