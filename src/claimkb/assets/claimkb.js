// claimkb: filter (by verdict, topic and article) and sort the claims index; copy approved wording. No network, no library.
(function () {
  "use strict";

  function cellText(row, index) {
    return (row.cells[index] && row.cells[index].textContent || "").trim();
  }

  function setUpIndex(container) {
    var table = container.querySelector("table");
    if (!table || !table.tBodies.length) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var verdictColumn = headers.findIndex(function (h) { return h.textContent.trim() === "Verdict"; });
    var topicColumn = headers.findIndex(function (h) { return h.textContent.trim() === "Topic"; });

    function options(values, label, name) {
      var select = document.createElement("select");
      select.name = name;
      select.setAttribute("aria-label", label);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      select.appendChild(all);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      var wrapper = document.createElement("label");
      wrapper.textContent = label + " ";
      wrapper.appendChild(select);
      return wrapper;
    }

    function unique(list) {
      return list.filter(function (v, i) { return v && list.indexOf(v) === i; }).sort();
    }

    var verdicts = unique(rows.map(function (r) { return cellText(r, verdictColumn); }));
    var topics = unique([].concat.apply([], rows.map(function (r) {
      return Array.prototype.map.call(r.cells[topicColumn].querySelectorAll(".claimkb-topic"),
        function (span) { return span.textContent.trim(); });
    })));
    var filters = document.createElement("div");
    filters.className = "claimkb-filters";
    var verdictFilter = options(verdicts, "Verdict", "verdict");
    var topicFilter = options(topics, "Topic", "topic");
    filters.appendChild(verdictFilter);
    filters.appendChild(topicFilter);
    // The document filter is in the page (its options name the articles), hidden until this script shows it.
    var documentFilter = container.querySelector(".claimkb-document-filter");
    if (documentFilter) {
      filters.appendChild(documentFilter);
      documentFilter.hidden = false;
    }
    var count = document.createElement("span");
    count.className = "claimkb-count";
    filters.appendChild(count);
    container.insertBefore(filters, container.firstChild);

    function apply() {
      var verdict = verdictFilter.querySelector("select").value;
      var topic = topicFilter.querySelector("select").value;
      var doc = documentFilter ? documentFilter.querySelector("select").value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var rowTopics = Array.prototype.map.call(row.cells[topicColumn].querySelectorAll(".claimkb-topic"),
          function (span) { return span.textContent.trim(); });
        var rowDocuments = (row.getAttribute("data-documents") || "").split(" ");
        var visible = (!verdict || cellText(row, verdictColumn) === verdict) &&
                      (!topic || rowTopics.indexOf(topic) >= 0) &&
                      (!doc || rowDocuments.indexOf(doc) >= 0);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " claims";
    }
    filters.addEventListener("change", apply);
    apply();

    headers.forEach(function (header, index) {
      header.setAttribute("role", "button");
      header.tabIndex = 0;
      function sort() {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellText(a, index), y = cellText(b, index);
          return ascending ? x.localeCompare(y) : y.localeCompare(x);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      header.addEventListener("click", sort);
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function setUpCopy(button) {
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      var done = function () { button.classList.add("copied"); button.textContent = "Copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else {
        fallback(text);
        done();
      }
    });
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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".claimkb-index").forEach(setUpIndex);
    document.querySelectorAll(".claimkb-copy").forEach(setUpCopy);
  });
})();
