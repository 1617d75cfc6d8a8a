//! Plain JS objects, as the app and the workers pass them to each other and to IndexedDB.
use wasm_bindgen::JsValue;

/// A JS object from pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        // Setting a string key on a plain object we just made is not refused.
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// A field of a JS object, or `undefined`.
pub fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Settles a promise the app made, with its own `resolve` or `reject` function. Calling them is not refused: they
/// are the browser's, and settling twice is a no-op.
pub fn settle(f: &js_sys::Function, value: &JsValue) {
    let _ = f.call1(&JsValue::NULL, value);
}
