/* rallyscope report: click a header to sort a table, type in a box to filter its rows. */
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function keyOf(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-sort") || "") : "";
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    each(header.parentNode.cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = keyOf(a, index), y = keyOf(b, index);
      if (x === y) { return 0; }
      if (x === "") { return 1; }   /* missing values last, either way */
      if (y === "") { return -1; }
      var nx = Number(x), ny = Number(y);
      var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }

  each(document.querySelectorAll("table.sortable"), function (table) {
    each(table.tHead.rows[0].cells, function (header, index) {
      header.tabIndex = 0;
      header.setAttribute("role", "button");
      header.addEventListener("click", function () { sortBy(table, index, header); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, index, header);
        }
      });
    });
  });

  each(document.querySelectorAll("input.table-filter"), function (input) {
    var id = input.getAttribute("data-table");
    var table = document.getElementById(id);
    var count = document.querySelector(".filter-count[data-for='" + id + "']");
    if (!table) { return; }
    var rows = table.tBodies[0].rows;
    input.addEventListener("input", function () {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      each(rows, function (row) {
        var text = row.textContent.toLowerCase();
        var match = terms.every(function (term) { return text.indexOf(term) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (count) {
        count.textContent = terms.length ? shown + " of " + rows.length + " rows"
                                         : rows.length + " rows";
      }
    });
  });
})();
