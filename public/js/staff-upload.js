/* Publishing an edition: a chosen JSON file is read into the definition field, which the form sends. */
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('input[type=file][data-target]'), function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.getAttribute('data-target'));
      if (!file || !target) return;
      var reader = new FileReader();
      reader.onload = function () { target.value = String(reader.result || ''); };
      reader.readAsText(file);
    });
  });
})();
