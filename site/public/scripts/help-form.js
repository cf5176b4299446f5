// The help form without leaving the page: the same POST the browser would send, asking the CMS
// for JSON, and its answer shown above the form. Without this script the form still works
// (the CMS redirects to /help/sent/ or shows what to correct). Strings come from data-
// attributes (site/src/i18n/zh-CN.ts) and from the CMS's answer.
(function () {
  var form = document.querySelector('form[data-help-form]');
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
  var result = form.querySelector('[data-help-result]');
  var button = form.querySelector('button[type="submit"]');

  function show(kind, text, list) {
    result.hidden = false;
    result.className = 'help-result' + (kind === 'error' ? ' is-error' : '');
    result.textContent = '';
    var p = document.createElement('p');
    p.textContent = text;
    result.appendChild(p);
    if (list && list.length) {
      var ul = document.createElement('ul');
      list.forEach(function (message) {
        var li = document.createElement('li');
        li.textContent = message;
        ul.appendChild(li);
      });
      result.appendChild(ul);
    }
    result.focus();
  }

  function clearFieldErrors() {
    form.querySelectorAll('[data-error-for]').forEach(function (el) {
      el.hidden = true;
      el.textContent = '';
    });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) {
      el.removeAttribute('aria-invalid');
    });
  }

  function markField(field, message) {
    var slot = form.querySelector('[data-error-for="' + field + '"]');
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
    }
    form.querySelectorAll('[name="' + field + '"]').forEach(function (el) {
      el.setAttribute('aria-invalid', 'true');
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearFieldErrors();
    button.disabled = true;
    show('info', form.dataset.sending);
    fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        if (answer && answer.ok) {
          form.reset();
          show('ok', form.dataset.sent);
          return;
        }
        var errors = (answer && answer.errors) || [];
        if (answer && answer.duplicate) {
          show('ok', errors.map(function (e) { return e.message; }).join(' '));
          return;
        }
        errors.forEach(function (e) {
          if (e.field) markField(e.field, e.message);
        });
        show('error', form.dataset.errorsTitle, errors.map(function (e) { return e.message; }));
      })
      .catch(function () {
        // Nothing was lost: the text stays in the form for another try.
        show('error', form.dataset.failed);
      })
      .then(function () {
        button.disabled = false;
      });
  });
})();
