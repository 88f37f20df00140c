// The provberäkning's one script: progressive enhancement only; every page works without it.
// - A person's role shows the fields for that role (adult or child) at once, without a round trip.
// - After an answer, focus moves to the error summary or the result, so a screen reader announces it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("fieldset.person select.roll").forEach(function (val) {
    val.addEventListener("change", function () {
      var person = val.closest("fieldset.person");
      person.dataset.roll = val.value;
      person.querySelectorAll("fieldset.grupp").forEach(function (grupp) {
        var vem = grupp.dataset.vem;
        grupp.hidden = !(vem === "alla" || vem === val.value);
      });
    });
  });
  var fokus = document.getElementById("felsammanfattning") || document.getElementById("resultat");
  if (fokus && document.forms.length && window.location.hash === "") {
    fokus.focus();
  }
});
