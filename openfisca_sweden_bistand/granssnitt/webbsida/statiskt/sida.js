// The provberäkning's one script: progressive enhancement only; every page works without it.
// - A person's role shows the fields for that role (adult or child) at once, without a round trip; the
//   fields for the other role are hidden and disabled, as the server renders them. So is the person's file
//   field for an SSBTEK answer: only an adult's answer is taken.
// - After an answer, focus moves to the error summary or the result, so a screen reader announces it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("fieldset.person select.roll").forEach(function (val) {
    val.addEventListener("change", function () {
      var person = val.closest("fieldset.person");
      person.dataset.roll = val.value;
      // A field for the other role is hidden and disabled: a disabled field is not sent.
      person.querySelectorAll("[data-vem]").forEach(function (del) {
        var synlig = del.dataset.vem === "alla" || del.dataset.vem === val.value;
        del.hidden = !synlig;
        if (!del.matches("fieldset, details")) {
          del.querySelectorAll("input, select, textarea").forEach(function (kontroll) {
            kontroll.disabled = !synlig;
          });
        }
      });
      var index = person.id.replace("person-", "");
      document.querySelectorAll('[data-ssbtek-person="' + index + '"]').forEach(function (del) {
        var vuxen = val.value === "vuxen";
        del.hidden = !vuxen;
        del.querySelectorAll("input").forEach(function (kontroll) {
          kontroll.disabled = !vuxen;
        });
      });
    });
  });
  var fokus = document.getElementById("felsammanfattning") || document.getElementById("resultat");
  if (fokus && document.forms.length && window.location.hash === "") {
    fokus.focus();
  }
});
