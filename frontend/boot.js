// Starts the app. The server's Content-Security-Policy forbids inline scripts,
// so Trunk (pattern_script in Trunk.toml) emits
//   <script type="module" src="/boot.js" data-js="/frontend-<hash>.js" data-wasm="/frontend-<hash>_bg.wasm">
// and this file loads the two hashed files it names.
const tag = document.querySelector("script[data-wasm]");
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
