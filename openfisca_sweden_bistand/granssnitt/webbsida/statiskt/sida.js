// The provberäkning's one script: progressive enhancement only; every page works without it.
// - A person's role shows the fields for that role (adult or child) at once, without a round trip; the
//   fields for the other role are hidden and disabled, as the server renders them. So is the person's file
//   field for an SSBTEK answer: only an adult's answer is taken.
// - After an answer, focus moves to the error summary or the result, so a screen reader announces it.
// - A reviewer's sign-off (/testfall/<file>): the private key file chosen in the form (PKCS#8 PEM) is read here
//   with FileReader and never sent (its input has no name); the script rebuilds the signed text from the form's
//   data attributes (testfall/granskning.py, meddelande), signs it with WebCrypto Ed25519 and fills the
//   signatur field before the form is sent. Without the script the reviewer pastes a signature made with
//   bistand granskning signatur.
"use strict";

function sha256hex(text) {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (summa) {
    return Array.from(new Uint8Array(summa), function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  });
}

function lasFil(fil) {
  return new Promise(function (klar, fel) {
    var lasare = new FileReader();
    lasare.onload = function () { klar(String(lasare.result)); };
    lasare.onerror = function () { fel(new Error("Nyckelfilen kunde inte läsas.")); };
    lasare.readAsText(fil);
  });
}

function privatNyckel(pem) {
  var traff = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!traff) {
    throw new Error("Nyckelfilen ska vara en okrypterad PKCS#8-nyckel (-----BEGIN PRIVATE KEY-----), " +
                    "som bistand granskning nyckel skriver.");
  }
  var binar = atob(traff[1].replace(/\s+/g, ""));
  var der = Uint8Array.from(binar, function (t) { return t.charCodeAt(0); });
  return crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]);
}

function signera(formular, fil) {
  var val = formular.elements.nyckel;
  var granskadAv = val.options[val.selectedIndex].dataset.granskadAv;
  var kommentar = formular.elements.kommentar.value.replace(/\r\n/g, "\n").trim();
  return Promise.all([lasFil(fil).then(privatNyckel), sha256hex(kommentar)]).then(function (delar) {
    var text = "openfisca-sweden-bistand granskning 1\n" +
      "fall: " + formular.dataset.kontrollsumma + "\n" +
      "nyckel: " + val.value + "\n" +
      "granskad_av: " + granskadAv + "\n" +
      "datum: " + formular.dataset.datum + "\n" +
      "regelversion: " + formular.dataset.regelversion + "\n" +
      "kommentar: sha256:" + delar[1] + "\n";
    return crypto.subtle.sign({ name: "Ed25519" }, delar[0], new TextEncoder().encode(text));
  }).then(function (signatur) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(signatur)));
  });
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.signera").forEach(function (formular) {
    var filfalt = formular.querySelector("input.nyckelfil");
    var felruta = formular.querySelector(".signaturfel");
    formular.addEventListener("submit", function (handelse) {
      var fil = filfalt && filfalt.files && filfalt.files[0];
      if (!fil) {
        return;  // a signature pasted into the field is sent as it is
      }
      handelse.preventDefault();
      felruta.hidden = true;
      Promise.resolve().then(function () {
        if (!window.crypto || !crypto.subtle) {
          throw new Error("webbläsaren kan inte signera på den här sidan (det kräver HTTPS); klistra in en " +
                          "signatur från bistand granskning signatur i stället.");
        }
        return signera(formular, fil);
      }).then(function (signatur) {
        formular.elements.signatur.value = signatur;
        filfalt.value = "";  // the key file is not kept in the form
        formular.submit();
      }).catch(function (fel) {
        felruta.textContent = "Signeringen misslyckades: " + (fel && fel.message ? fel.message : fel);
        felruta.hidden = false;
      });
    });
  });
});
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
