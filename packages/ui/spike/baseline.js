// The baseline page: one line of text, and an arrow key that moves a counter, with no grid at all.
const app = document.getElementById('app');
if (app) {
  app.textContent = 'SKU-000001';
  app.dataset.at = '0';
  window.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') app.dataset.at = String(Number(app.dataset.at) + 1);
  });
}
