/* The edition's small reading aids. No framework: the site must work without this file too.
 * - Copy buttons copy their data-copy text (a BibTeX entry, a citation).
 * - A link to a citation inside collapsed OCR noise opens the noise first, so a backlink
 *   from the reference list always lands on a visible, highlighted citation.
 * - The language selector leads to the same page in the other version: it keeps the reader's
 *   place there too (the #anchor: a citation, a term, a page of the source).
 */
(function () {
  "use strict";

  function copy(button) {
    var text = button.getAttribute("data-copy") || "";
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied") || "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView({ block: "center" });
    if (typeof target.focus === "function") target.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.ed-copy");
    if (button) copy(button);
  });
  // The selector's links already name the same page in each version. The theme would look
  // them up in a sitemap and, not finding them there, drop the #anchor: follow them here, in
  // the capture phase, before its handler sees the click.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    var target = new URL(link.href);
    if (!target.hash) target.hash = window.location.hash;
    window.location.assign(target.href);
  }, true);
  window.addEventListener("hashchange", reveal);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
