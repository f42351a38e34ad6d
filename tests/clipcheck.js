/* What a reader cannot see in a laid-out page: the checker that tests/test_report.py runs in
   headless Chromium on the report page (loaded in an iframe of a wrapper page).

   clippedIn(doc) lists
   - "svg": a chart <text> that reaches outside its <svg> (the browser cuts an SVG at its
     viewport, which is the viewBox scaled to the element's box) or outside a clip-path that
     an ancestor applies;
   - "hidden": a block whose overflow is hidden or clipped and whose content is larger;
   - "spill": a block (table cell, figure, tile...) whose content runs out of its box and over
     its neighbours, or a table wider than the block that holds it;
   - "scroll-x": a block that scrolls sideways (columns out of sight in a screenshot or print);
   - "page": a page wider than the window.
   Each entry: {kind, what, text, by} where `by` is how far (CSS px) it reaches out. */
(function (global) {
  "use strict";
  var SLACK = 1; /* px: sub-pixel rounding is not clipping */
  var BLOCKS = /^(block|flow-root|flex|grid|table-cell|list-item|inline-block|table|table-caption)$/;

  function describe(element) {
    var parts = [];
    for (var node = element; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      var name = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(name + "#" + node.id); break; }
      var cls = node.getAttribute("class");
      parts.unshift(cls ? name + "." + cls.trim().split(/\s+/).join(".") : name);
    }
    return parts.join(" > ");
  }

  function text(element) {
    return (element.textContent || "").replace(/\s+/g, " ").trim().slice(0, 120);
  }

  function visible(element, view) {
    for (var node = element; node && node.nodeType === 1; node = node.parentElement) {
      var tag = node.tagName.toLowerCase();
      if (tag === "defs" || tag === "clippath" || tag === "desc" || tag === "title" || tag === "mask") { return false; }
      var style = view.getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") { return false; }
    }
    return true;
  }

  /* How far rectangle `inner` reaches outside `outer`, in px (0 when inside). */
  function outside(inner, outer) {
    return Math.max(outer.left - inner.left, inner.right - outer.right,
                    outer.top - inner.top, inner.bottom - outer.bottom, 0);
  }

  /* The screen rectangle of a userSpaceOnUse clip path's shapes, for the element it clips. */
  function clipRect(doc, clipped) {
    var match = /url\(\s*["']?#([^"')]+)/.exec(clipped.getAttribute("clip-path") || "");
    var path = match && doc.getElementById(match[1]);
    if (!path || !clipped.getScreenCTM) { return null; }
    var matrix = clipped.getScreenCTM(), box = null;
    Array.prototype.forEach.call(path.children, function (shape) {
      if (!shape.getBBox) { return; }
      var b = shape.getBBox();
      var points = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]];
      points.forEach(function (p) {
        var x = matrix.a * p[0] + matrix.c * p[1] + matrix.e, y = matrix.b * p[0] + matrix.d * p[1] + matrix.f;
        box = box ? { left: Math.min(box.left, x), right: Math.max(box.right, x),
                      top: Math.min(box.top, y), bottom: Math.max(box.bottom, y) }
                  : { left: x, right: x, top: y, bottom: y };
      });
    });
    return box;
  }

  function svgTexts(doc, view, found) {
    Array.prototype.forEach.call(doc.querySelectorAll("svg"), function (svg) {
      if (svg.ownerSVGElement) { return; } /* nested: measured with its outermost <svg> */
      var frame = svg.getBoundingClientRect();
      Array.prototype.forEach.call(svg.querySelectorAll("text"), function (label) {
        if (!text(label) || !visible(label, view)) { return; }
        var box = label.getBoundingClientRect();
        var by = outside(box, frame);
        var what = "svg";
        for (var node = label.parentElement; node && node !== svg; node = node.parentElement) {
          if (node.hasAttribute("clip-path")) {
            var clip = clipRect(doc, node);
            if (clip && outside(box, clip) > by) { by = outside(box, clip); what = "svg clip-path"; }
          }
        }
        if (by > SLACK) {
          found.push({ kind: "svg", what: what + " " + describe(label), text: text(label), by: Math.round(by) });
        }
      });
    });
  }

  /* For a spilling block: the child that reaches furthest right, which is what to fix. */
  function culprit(element) {
    var edge = element.getBoundingClientRect().right, worst = null;
    Array.prototype.forEach.call(element.children, function (child) {
      var right = child.getBoundingClientRect().right;
      if (right > edge + SLACK) { edge = right; worst = child; }
    });
    return worst ? " (by " + describe(worst) + ")" : "";
  }

  function blocks(doc, view, found) {
    Array.prototype.forEach.call(doc.body.querySelectorAll("*"), function (element) {
      if (element.closest("svg")) { return; }
      var style = view.getComputedStyle(element);
      if (!BLOCKS.test(style.display) || !visible(element, view)) { return; }
      var wide = element.scrollWidth - element.clientWidth;
      var tall = element.scrollHeight - element.clientHeight;
      var hides = function (o) { return o === "hidden" || o === "clip"; };
      var scrolls = function (o) { return o === "auto" || o === "scroll"; };
      var entry = null;
      if ((hides(style.overflowX) && wide > SLACK) || (hides(style.overflowY) && tall > SLACK)) {
        entry = { kind: "hidden", by: Math.max(wide, tall) };
      } else if (style.textOverflow === "ellipsis" && wide > SLACK) {
        entry = { kind: "hidden", by: wide };
      } else if (scrolls(style.overflowX) && wide > SLACK) {
        entry = { kind: "scroll-x", by: wide };
      } else if (style.overflowX === "visible" && wide > SLACK && element.clientWidth > 0) {
        entry = { kind: "spill", by: wide };
      }
      if (entry) {
        entry.what = describe(element) + (entry.kind === "spill" ? culprit(element) : "");
        entry.text = text(element);
        found.push(entry);
      }
    });
    var root = doc.documentElement;
    if (root.scrollWidth - root.clientWidth > SLACK) {
      found.push({ kind: "page", what: "html", text: "", by: root.scrollWidth - root.clientWidth });
    }
  }

  function clippedIn(doc) {
    var view = doc.defaultView, found = [];
    svgTexts(doc, view, found);
    blocks(doc, view, found);
    return found;
  }

  global.clippedIn = clippedIn;
})(window);
