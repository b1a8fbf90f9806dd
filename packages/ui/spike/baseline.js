const app = document.getElementById('app');
if (app) app.textContent = 'SKU-000001';
