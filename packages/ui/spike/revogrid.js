import { mount } from 'svelte';
import { products } from './data.js';
import RevoSpike from './RevoSpike.svelte';

const app = document.getElementById('app');
if (app) mount(RevoSpike, { target: app, props: { rows: products() } });
