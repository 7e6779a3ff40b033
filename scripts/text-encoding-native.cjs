// Stands in for the `text-encoding` polyfill that shapefile requires, so its
// 0.5 MB of tables is not compiled at every `cgm` start: Node's own TextDecoder
// (full ICU) decodes what .cpg files name, except windows-1252 (and the labels
// WHATWG maps to it: latin1, iso-8859-1, ascii…), which Node decodes as plain
// Latin-1; its 0x80–0x9F (€, ‘, ’, “, ”…) are mapped here as the standard does.
// test/cli/bundle.test.ts checks every byte against the polyfill. Aliased in by
// scripts/build-cli.mjs and build-electron.mjs.
const NativeDecoder = globalThis.TextDecoder;
const C1 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

class TextDecoder {
  constructor(label = 'utf-8', options) {
    this.inner = new NativeDecoder(label, options);
    this.encoding = this.inner.encoding;
  }
  decode(input, options) {
    const text = this.inner.decode(input, options);
    if (this.encoding !== 'windows-1252') return text;
    return text.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(C1[c.charCodeAt(0) - 0x80]));
  }
}

module.exports = { TextDecoder, TextEncoder: globalThis.TextEncoder };
