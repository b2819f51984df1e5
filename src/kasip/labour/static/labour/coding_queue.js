/* The coding queue's keys: 1, 2, 3 confirm that suggestion of the current title; c or / puts the cursor in
 * its code field (Enter submits it, Escape leaves it); s skips it; j and k make the next or the previous
 * title current. Every action is a plain form that also works without this script. No inline script: the
 * CSP is strict. */
(function () {
  "use strict";

  var list = document.getElementById("coding-items");
  if (!list) { return; }

  function items() { return Array.prototype.slice.call(list.querySelectorAll(".coding-item")); }

  function current() { return list.querySelector(".coding-item.current") || items()[0] || null; }

  function makeCurrent(item) {
    if (!item) { return; }
    items().forEach(function (other) {
      other.classList.remove("current");
      other.removeAttribute("aria-current");
    });
    item.classList.add("current");
    item.setAttribute("aria-current", "true");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = items(), index = all.indexOf(current());
    makeCurrent(all[Math.min(all.length - 1, Math.max(0, index + step))]);
  }

  function press(item, key) {
    var button = item && item.querySelector('button[data-key="' + key + '"]');
    if (button && !button.disabled) {
      button.disabled = true;  // one press, one submission
      button.form.submit();
    }
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  list.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest(".coding-item");
    if (item && !item.classList.contains("current")) {
      items().forEach(function (other) { other.classList.remove("current"); other.removeAttribute("aria-current"); });
      item.classList.add("current");
      item.setAttribute("aria-current", "true");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) {
      if (event.key === "Escape" && event.target.hasAttribute("data-code")) {
        event.target.blur();
        var owner = event.target.closest(".coding-item");
        if (owner) { owner.focus({ preventScroll: true }); }
      }
      return;
    }
    var item = current();
    if (!item) { return; }
    switch (event.key) {
      case "1": case "2": case "3": case "s":
        event.preventDefault();
        press(item, event.key);
        break;
      case "c": case "/":
        event.preventDefault();
        var field = item.querySelector("input[data-code]");
        if (field) { field.focus(); }
        break;
      case "j":
        event.preventDefault();
        move(1);
        break;
      case "k":
        event.preventDefault();
        move(-1);
        break;
      default:
        break;
    }
  });

  var start = current();
  if (start) { start.focus({ preventScroll: true }); }
}());
