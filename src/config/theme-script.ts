import { THEME_STORAGE_KEY } from './site';

/**
 * Sets the stored (or the system's) colour theme before first paint, so there is no flash of the wrong
 * theme. Inline in every page's <head>; astro.config adds its hash to the Content-Security-Policy.
 */
export const THEME_INIT_SCRIPT = `(()=>{let t=null;try{t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch{}if(t!=='light'&&t!=='dark')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';document.documentElement.dataset.theme=t})()`;
