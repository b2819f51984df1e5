/* Sign a contract with ЭЦП through NCALayer (the national signing application listening on
 * wss://127.0.0.1:13579): fetch the copy to sign, ask NCALayer for a detached CMS over it
 * (kz.gov.pki.knca.commonUtils.createCAdESFromBase64), put the CMS in the form and submit it.
 * The server checks the signer and the document. No inline script: the CSP is strict. */
(function () {
  "use strict";
  var NCALAYER = "wss://127.0.0.1:13579/";

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer), binary = "", chunk = 0x8000;
    for (var i = 0; i < bytes.length; i += chunk) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
    }
    return window.btoa(binary);
  }

  function signWithNcaLayer(documentBase64) {
    return new Promise(function (resolve, reject) {
      var socket;
      try { socket = new WebSocket(NCALAYER); } catch (error) { reject(error); return; }
      socket.onopen = function () {
        socket.send(JSON.stringify({
          module: "kz.gov.pki.knca.commonUtils",
          method: "createCAdESFromBase64",
          args: ["PKCS12", "SIGNATURE", documentBase64, false]
        }));
      };
      socket.onmessage = function (event) {
        var answer;
        try { answer = JSON.parse(event.data); } catch (error) { reject(error); return; }
        if (answer.result && answer.result.version) { return; }  // NCALayer's greeting
        socket.close();
        if (String(answer.code) === "200" && answer.responseObject) { resolve(answer.responseObject); }
        else { reject(new Error(answer.message || String(answer.code))); }
      };
      socket.onerror = function () { reject(new Error("NCALayer")); };
    });
  }

  function start(button) {
    var form = document.getElementById(button.dataset.form);
    var status = document.getElementById(button.dataset.status);
    button.disabled = true;
    status.textContent = button.dataset.msgWorking;
    fetch(button.dataset.documentUrl, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.arrayBuffer();
      })
      .then(function (buffer) { return signWithNcaLayer(toBase64(buffer)); })
      .then(function (cms) {
        form.querySelector("input[name=cms]").value = cms;
        form.submit();
      })
      .catch(function (error) {
        status.textContent = button.dataset.msgFailed + " (" + error.message + ")";
        button.disabled = false;
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-ecp-sign]");
    if (button) { event.preventDefault(); start(button); }
  });
})();
