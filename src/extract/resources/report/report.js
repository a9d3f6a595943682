// report.html: the legend's switches hide or show one highlight type; nothing is fetched.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.matches && box.matches("input[data-toggle]")) {
    document.body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
  }
});
