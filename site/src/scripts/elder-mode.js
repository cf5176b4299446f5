// 长辈模式 switch, loaded as a blocking script in <head> (an external file, so the site's
// Content-Security-Policy needs no inline-script allowance). Adding the class before the body
// is drawn means a reader in elderly mode never sees the normal layout flash first.
(function () {
  var h = document.documentElement;
  try {
    if (localStorage.getItem('shequ-elder') === '1') h.classList.add('elder');
  } catch (e) {}
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.querySelector('[data-elder-toggle]');
    var l = document.querySelector('.elder-link');
    if (!b) return;
    b.hidden = false;
    if (l) l.hidden = true;
    var show = function () {
      b.setAttribute('aria-pressed', h.classList.contains('elder') ? 'true' : 'false');
    };
    show();
    b.addEventListener('click', function () {
      var on = h.classList.toggle('elder');
      try {
        localStorage.setItem('shequ-elder', on ? '1' : '0');
      } catch (e) {}
      show();
    });
  });
})();
