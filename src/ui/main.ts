import { mount } from 'svelte';
import App from './App.svelte';
import { createEngineClient } from './engine-client';
import { Session } from './session.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

const session = new Session(createEngineClient());
mount(App, { target, props: { session } });
