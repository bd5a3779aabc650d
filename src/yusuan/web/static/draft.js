/* Lists edited as rows (Part 1's paragraphs, a project's 绩效目标, its performance-target
   rows): without JavaScript each add/remove button posts the form and the server redraws it
   with what was typed; here the row is added from the list's <template> or taken out in the
   page, focus goes to the new row (or the row after the one removed), and the form's "input"
   event tells the live findings. Textareas grow with their text. */
(function () {
  "use strict";
  function fire(form) { form.dispatchEvent(new Event("input", { bubbles: true })); }

  function renumber(set) {
    var key = set.querySelector("input[name=rows]").value;
    var noun = set.getAttribute("data-noun"), title = set.getAttribute("data-title");
    var items = set.querySelectorAll("ol.row-list > li");
    items.forEach(function (li, i) {
      var button = li.querySelector("button.row-remove");
      if (button) {
        button.value = "remove:" + (i + 1) + ":" + key;
        button.setAttribute("aria-label", "删除" + title + "第 " + (i + 1) + " " + noun);
      }
    });
    var empty = set.querySelector(".empty-rows");
    if (empty) { empty.hidden = items.length > 0; }
  }

  function field(li) { return li && li.querySelector("textarea, input"); }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[name=row]");
    if (!button) { return; }
    var set = button.closest("fieldset.rows");
    if (!set) { return; }
    event.preventDefault();
    var list = set.querySelector("ol.row-list");
    if (button.value.indexOf("add:") === 0) {
      var made = set.querySelector("template").content.firstElementChild.cloneNode(true);
      list.appendChild(made);
      renumber(set);
      field(made).focus();
    } else {
      var li = button.closest("li");
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumber(set);
      (field(next) || set.querySelector("button.row-add")).focus();
    }
    fire(button.form);
  });

  document.addEventListener("input", function (event) {
    var area = event.target;
    if (area.tagName !== "TEXTAREA" || area.scrollHeight <= area.clientHeight) { return; }
    area.style.height = area.scrollHeight + 2 + "px";
  });
}());

/* The drafting pages: as the filer types, the draft is checked with the form's unsaved text
   (POST to the panel's data-check address, same origin, with the form's CSRF token) and the
   findings panel is redrawn. Nothing is loaded from elsewhere; no data is inserted as HTML. */
(function () {
  "use strict";
  var panel = document.getElementById("live-findings");
  var form = document.querySelector("form.live-form");
  if (!panel || !form || !window.fetch) { return; }
  var body = document.getElementById("live-body");
  var status = document.getElementById("live-status");
  var timer = null, sent = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function draw(result) {
    body.textContent = "";
    var c = result.counts;
    body.appendChild(el("p", "live-summary",
      "错误 " + c.error + " 条 · 警告 " + c.warning + " 条 · 提示 " + c.info + " 条" +
      (result.missing ? " · 尚有 " + result.missing + " 项变化未填写原因" : "")));
    result.groups.forEach(function (g) {
      body.appendChild(el("h3", "", g.title + "（" + g.rows.length + " 条）"));
      var list = el("ul", "finding-list compact");
      g.rows.forEach(function (r) {
        var item = el("li", "finding " + r.severity, r.message);
        if (r.place) { item.appendChild(el("span", "meta", " · " + r.place)); }
        list.appendChild(item);
      });
      body.appendChild(list);
    });
    if (!result.groups.length) { body.appendChild(el("p", "", "没有发现问题。")); }
  }

  /* A field the check refuses is marked as the server marks it after a save: aria-invalid,
     and its message beside it, named by aria-describedby (a row's column: the Nth field of
     that name). Marks go when the input is accepted. */
  function unmark() {
    form.querySelectorAll(".field-error").forEach(function (p) { p.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (f) {
      f.removeAttribute("aria-invalid");
      f.removeAttribute("aria-describedby");
    });
  }

  function mark(fields) {
    var n = 0;
    Object.keys(fields).forEach(function (key) {
      var row = /^(row:.*):(\d+)$/.exec(key);
      var name = row ? row[1] : key, nth = row ? parseInt(row[2], 10) - 1 : 0;
      var same = Array.prototype.filter.call(form.elements, function (f) { return f.name === name; });
      var field = same[nth];
      if (!field) { return; }
      var message = el("p", "field-error", fields[key]);
      message.id = "live-error-" + (++n);
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", message.id);
      var after = field.closest("label") || field;
      after.parentNode.insertBefore(message, after.nextSibling);
    });
  }

  function check() {
    var mine = ++sent;
    status.textContent = "（检查中…）";
    fetch(panel.getAttribute("data-check"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (r) {
      if (mine !== sent) { return; }
      unmark();
      if (!r.ok) {
        status.textContent = "（" + (r.data.error || r.data.detail || "检查失败") + "）";
        if (r.data.fields) { mark(r.data.fields); }
        return;
      }
      status.textContent = "（已按当前输入更新，尚未保存）";
      draw(r.data);
    }).catch(function () {
      if (mine === sent) { status.textContent = "（无法连接服务器，稍后重试）"; }
    });
  }

  form.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, 600);
  });
  check();
}());
