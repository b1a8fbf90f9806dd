import { mount } from 'svelte';
import { products } from './data.js';
import OwnGrid from './OwnGrid.svelte';

const app = document.getElementById('app');
if (app) mount(OwnGrid, { target: app, props: { rows: products() } });
