// 长辈模式 switch; blocking in <head> so the mode is set before the page is drawn (see BaseLayout).
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
