/* "Kopiera länk" beside each finding on a decision page and each version of a requirement:
 * copies the heading's permalink (the page's address without query, then #id) and says so in
 * words, visibly and to screen readers. Without JavaScript the heading's ¶ link is the permalink.
 * No dependencies; works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";

  var HEADINGS = '.md-typeset h4[id^="krav-"], .md-typeset h2[id^="version-"]';
  var COPIED = "Länken är kopierad";

  function permalink(id) {
    return window.location.href.split(/[?#]/)[0] + "#" + id;
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) {
      link.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "kp-sr";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    field.remove();
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () {
          return true;
        },
        function () {
          return copyWithSelection(text);
        }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function announce(status, message) {
    window.clearTimeout(status.kpTimer);
    status.textContent = "";
    /* a fresh text node after a pause, so that a second copy is announced again */
    window.setTimeout(function () {
      status.textContent = message;
      status.kpTimer = window.setTimeout(function () {
        status.textContent = "";
      }, 6000);
    }, 50);
  }

  function addButton(heading) {
    if (heading.kpCopyLink) return;
    heading.kpCopyLink = true;
    var control = document.createElement("div");
    control.className = "kp-copy-link";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kp-copy-link__button";
    button.appendChild(document.createTextNode("Kopiera länk"));
    var target = document.createElement("span");
    target.className = "kp-sr";
    target.textContent = " till " + headingText(heading);
    button.appendChild(target);
    var status = document.createElement("span");
    status.className = "kp-copy-link__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      var address = permalink(heading.id);
      copy(address).then(function (copied) {
        announce(status, copied ? COPIED : "Länken kunde inte kopieras. Adressen är " + address);
      });
    });
    control.appendChild(button);
    control.appendChild(status);
    heading.insertAdjacentElement("afterend", control);
  }

  function init() {
    document.querySelectorAll(HEADINGS).forEach(addButton);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
