import { mount } from 'svelte';
import TrackApp from './TrackApp.svelte';
import './track.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing');
export default mount(TrackApp, { target });
