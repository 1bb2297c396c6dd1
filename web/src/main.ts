import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createKeelRouter } from './router';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(createKeelRouter(pinia));
app.mount('#app');
