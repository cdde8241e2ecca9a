// The portal works without this script; with it, fields are checked as the citizen types (through the hub's
// dry run, so the messages are the ones submit would give), the error summary takes focus, a form is not sent
// twice, a field that does not apply to the choice made is hidden, and a dossier still being processed refreshes itself.
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en' : 'vi';

  function checkForm(form) {
    var url = form.getAttribute('data-check');
    var step = form.getAttribute('data-step');
    var csrf = form.querySelector('input[name="_csrf"]');
    var touched = {};
    var timer = null;
    var seq = 0;

    function values() {
      var out = {};
      new FormData(form).forEach(function (v, k) {
        if (k.charAt(0) !== '_' && typeof v === 'string') out[k] = v;
      });
      return out;
    }

    function show(name, message) {
      var box = form.querySelector('[data-error-for="' + name + '"]');
      var field = form.querySelector('[data-field="' + name + '"]');
      if (!box || !field) return;
      box.textContent = message || '';
      field.classList.toggle('has-error', !!message);
      var control = field.matches('fieldset') ? field : field.querySelector('input,select');
      if (control) {
        if (message) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
      }
    }

    function run() {
      var mine = ++seq;
      fetch(url + '?lang=' + lang, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ? csrf.value : '' },
        body: JSON.stringify({ step: step, values: values() }),
      })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (body) {
          if (!body || mine !== seq) return; // a later check is under way: its answer wins
          body.fields.forEach(function (f) {
            if (touched[f.name]) show(f.name, f.message);
            var hint = f.hint && form.querySelector('[data-hint-for="' + f.name + '"]');
            if (hint) hint.textContent = f.hint;
          });
        })
        .catch(function () {
          // offline or slow: the server checks again when the form is sent
        });
    }

    function schedule(e) {
      var name = e.target && e.target.name;
      if (!name || name.charAt(0) === '_') return;
      touched[name] = true;
      clearTimeout(timer);
      timer = setTimeout(run, e.type === 'input' ? 400 : 0);
    }
    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
  }

  // A field that applies only to some choices of another (the years of an advance payment) is hidden, and left out
  // of what is sent, while it does not apply; without the script it is shown, and the server ignores it.
  function dependentFields(form) {
    var deps = form.querySelectorAll('[data-show-when]');
    if (!deps.length) return;
    function valueOf(name) {
      var sel = '[name="' + name + '"]';
      var on = form.querySelector(sel + ':checked') || form.querySelector('select' + sel + ', input[type=hidden]' + sel);
      return on ? on.value : '';
    }
    function apply() {
      Array.prototype.forEach.call(deps, function (el) {
        var shown = el.getAttribute('data-show-values').split(' ').indexOf(valueOf(el.getAttribute('data-show-when'))) >= 0;
        el.hidden = !shown;
        Array.prototype.forEach.call(el.querySelectorAll('input,select,textarea'), function (i) {
          i.disabled = !shown;
        });
      });
    }
    form.addEventListener('change', apply);
    apply();
  }

  function submitOnce(form) {
    var sent = false;
    form.addEventListener('submit', function (e) {
      if (sent) e.preventDefault();
      sent = true;
      setTimeout(function () {
        sent = false; // the network gave up: let the citizen try again (the idempotency key keeps it one dossier)
      }, 15000);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-check]'), checkForm);
    Array.prototype.forEach.call(document.querySelectorAll('form'), dependentFields);
    Array.prototype.forEach.call(document.querySelectorAll('form[data-submit-once]'), submitOnce);
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
    var refresh = document.querySelector('[data-auto-refresh]');
    if (refresh) {
      setTimeout(function () {
        window.location.reload();
      }, Number(refresh.getAttribute('data-auto-refresh')) || 3000);
    }
  });
})();
