// The back office works without this script; with it, a form is not sent twice, and the error summary of a
// refused action (or sign-in) takes focus so that a screen reader reads it at once.
(function () {
  'use strict';
  function submitOnce(form) {
    var sent = false;
    form.addEventListener('submit', function (e) {
      if (sent) e.preventDefault();
      sent = true;
      setTimeout(function () {
        sent = false; // the network gave up: let the officer try again (the API refuses a second decision anyway)
      }, 15000);
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-submit-once]'), submitOnce);
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  });
})();
