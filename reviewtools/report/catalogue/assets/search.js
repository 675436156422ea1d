/* Catalogue search: filters the table on index.html by title, 文号, issuer and full text.
 *
 * The index (search-index.js) assigns window.CATALOGUE_INDEX. It is loaded on first use through a
 * <script> element, which works from file:// where fetch() does not. Matching folds case, full/half
 * width and brackets (〔2018〕 = [2018] = 2018) and ignores spaces inside the text; words separated by
 * spaces must all occur. Everything shown is put in with textContent, never as markup.
 * Without JavaScript the form stays hidden and the page is a plain table.
 */
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !document.querySelectorAll) return;
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var other = document.getElementById("search-other");
  var table = document.getElementById("catalogue");
  var rows = {};
  var bodies = table ? table.tBodies : [];
  var index = null, loading = false, pending = null, timer = null;
  var DROP = /[\s\u3000\u00a0\u3014\u3015\[\]\u3010\u3011\u3016\u3017()]/g;
  var SNIPPETS = 50, CONTEXT = 30, OTHERS = 20;
  var KIND = { repealed: "已废止", expired: "已宣布失效" };

  var nfkc = String.prototype.normalize ? function (s) { return s.normalize("NFKC"); } : function (s) { return s; };
  function fold(s) { return nfkc(String(s == null ? "" : s)).toLowerCase().replace(DROP, ""); }
  function meta(d) { return fold(d.title) + "\u0001" + fold(d.number) + "\u0001" + fold(d.issuer); }

  Array.prototype.forEach.call(document.querySelectorAll("tr[data-n]"), function (tr) {
    rows[tr.getAttribute("data-n")] = tr;
  });

  function prepare(data) {
    index = { valid: [], cleared: [] };
    (data.valid || []).forEach(function (d) {
      index.valid.push({ d: d, meta: meta(d), text: fold(d.text) });
    });
    ["repealed", "expired"].forEach(function (kind) {
      (data[kind] || []).forEach(function (d) { index.cleared.push({ d: d, kind: kind, meta: meta(d) }); });
    });
  }

  function load(then) {
    if (then) pending = then;
    if (index) { done(); return; }
    if (window.CATALOGUE_INDEX) { prepare(window.CATALOGUE_INDEX); done(); return; }
    if (loading) return;
    loading = true;
    status.textContent = "正在载入检索索引……";
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = function () {
      loading = false;
      if (!window.CATALOGUE_INDEX) { fail(); return; }
      prepare(window.CATALOGUE_INDEX);
      status.textContent = "";
      done();
    };
    script.onerror = function () { loading = false; fail(); };
    document.head.appendChild(script);
  }
  function done() { var then = pending; pending = null; if (then) then(); }
  function fail() { status.textContent = "检索索引（search-index.js）未能载入，请直接浏览目录。"; }

  function terms(q) { return q.split(/[\s\u3000]+/).map(fold).filter(Boolean); }
  function has(hay, t) { return hay.indexOf(t) >= 0; }

  function run() {
    var q = input.value, ts = terms(q);
    remember(q);
    Array.prototype.slice.call(document.querySelectorAll(".hit")).forEach(function (el) {
      el.parentNode.removeChild(el);
    });
    if (!ts.length) {
      Object.keys(rows).forEach(function (n) { rows[n].hidden = false; });
      Array.prototype.forEach.call(bodies, function (b) { b.hidden = false; });
      status.textContent = "";
      other.hidden = true;
      return;
    }
    var shown = 0, snippets = 0;
    index.valid.forEach(function (e) {
      var row = rows[e.d.n];
      if (!row) return;
      var ok = ts.every(function (t) { return has(e.meta, t) || has(e.text, t); });
      row.hidden = !ok;
      if (!ok) return;
      shown++;
      var inText = ts.filter(function (t) { return !has(e.meta, t); });
      if (inText.length && snippets < SNIPPETS) {
        var hit = snippet(e.d.text, inText[0]);
        if (hit) { row.querySelector("td.title").appendChild(hit); snippets++; }
      }
    });
    Array.prototype.forEach.call(bodies, function (b) { b.hidden = !b.querySelector("tr[data-n]:not([hidden])"); });
    status.textContent = shown ? "找到 " + shown + " 件（共 " + index.valid.length + " 件）" : "现行有效文件中未找到匹配的文件。";
    cleared(ts);
  }

  /* A line of text around the first occurrence of `term`: fold character by character to map back. */
  function snippet(text, term) {
    var folded = "", at = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text.charAt(i));
      for (var k = 0; k < f.length; k++) { folded += f.charAt(k); at.push(i); }
    }
    var found = folded.indexOf(term);
    if (found < 0) return null;
    var start = at[found], end = at[found + term.length - 1] + 1;
    var from = Math.max(0, start - CONTEXT), to = Math.min(text.length, end + CONTEXT);
    var div = document.createElement("div");
    var mark = document.createElement("mark");
    div.className = "hit";
    mark.textContent = text.slice(start, end);
    div.appendChild(document.createTextNode("正文：" + (from > 0 ? "…" : "") + flat(text.slice(from, start))));
    div.appendChild(mark);
    div.appendChild(document.createTextNode(flat(text.slice(end, to)) + (to < text.length ? "…" : "")));
    return div;
  }
  function flat(s) { return s.replace(/\s+/g, " "); }

  /* Repealed and expired documents matching the query: people often search to learn whether one is still valid. */
  function cleared(ts) {
    var found = index.cleared.filter(function (e) { return ts.every(function (t) { return has(e.meta, t); }); });
    other.textContent = "";
    other.hidden = !found.length;
    if (!found.length) return;
    var p = document.createElement("p");
    p.textContent = "以下已废止或宣布失效的文件与检索词匹配，不再作为行政管理的依据：";
    var ul = document.createElement("ul");
    found.slice(0, OTHERS).forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = e.d.url;
      a.textContent = e.d.title + (e.d.number ? "（" + e.d.number + "）" : "");
      li.appendChild(document.createTextNode("【" + KIND[e.kind] + "】"));
      li.appendChild(a);
      ul.appendChild(li);
    });
    other.appendChild(p);
    other.appendChild(ul);
    if (found.length > OTHERS) {
      var more = document.createElement("p");
      more.textContent = "……共 " + found.length + " 件，请查看废止目录和宣布失效目录。";
      other.appendChild(more);
    }
  }

  /* Keep the query in the address (?q=…) so that a search can be bookmarked or sent; not possible everywhere under file://. */
  function remember(q) {
    try { history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname); } catch (e) { /* ignore */ }
  }
  function initial() {
    var m = /[?&]q=([^&#]*)/.exec(location.search);
    if (!m) return "";
    try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return ""; }
  }

  form.hidden = false;
  form.addEventListener("submit", function (ev) { ev.preventDefault(); clearTimeout(timer); load(run); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { load(run); }, 150); });
  input.addEventListener("focus", function () { load(null); });
  var q = initial();
  if (q) { input.value = q; load(run); }
})();
