/* Importing a translation: the chosen file is read as base64 into a hidden field, which the form sends. */
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('input[type=file][data-base64-target]'), function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.getAttribute('data-base64-target'));
      var name = document.getElementById(input.getAttribute('data-name-target'));
      if (!file || !target) return;
      var reader = new FileReader();
      reader.onload = function () {
        var url = String(reader.result || '');
        target.value = url.slice(url.indexOf(',') + 1);
        if (name) name.value = file.name;
      };
      reader.readAsDataURL(file);
    });
  });
})();
