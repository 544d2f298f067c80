/* Notula: narrow the decisions and actions registers by group, topic, organisation and year.
 *
 * Progressive enhancement: the full list is in the page and works without JavaScript; this
 * script only shows the (hidden) filter form and hides the items that do not match.
 * Each <form data-notula-filter="NAME"> filters the lists <ol data-notula-list="NAME">; each
 * <select name="X"> matches the space-separated values of the items' data-X attribute.
 * The choice is kept in the address (?amne=sfi), so a filtered list can be linked to.
 */
(function () {
  "use strict";

  function setUp(form) {
    if (form.dataset.notulaReady) return;
    form.dataset.notulaReady = "1";
    var name = form.dataset.notulaFilter;
    var lists = document.querySelectorAll('[data-notula-list="' + name + '"]');
    var selects = form.querySelectorAll("select");
    var count = form.querySelector(".notula-filter-count");
    var params = new URLSearchParams(window.location.search);

    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    function matches(item) {
      for (var i = 0; i < selects.length; i++) {
        var value = selects[i].value;
        if (!value) continue;
        var have = (item.getAttribute("data-" + selects[i].name) || "").split(" ");
        if (have.indexOf(value) < 0) return false;
      }
      return true;
    }

    function apply() {
      var shown = 0, total = 0;
      lists.forEach(function (list) {
        var visible = 0;
        Array.prototype.forEach.call(list.children, function (item) {
          var ok = matches(item);
          item.hidden = !ok;
          total += 1;
          if (ok) visible += 1;
        });
        shown += visible;
        list.hidden = visible === 0;
        var heading = document.getElementById(list.getAttribute("aria-labelledby"));
        if (heading) heading.hidden = visible === 0;
      });
      count.textContent = "Visar " + shown + " av " + total + ".";
      var query = new URLSearchParams();
      selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("form[data-notula-filter]").forEach(setUp);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  /* Material: also after instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
