// Checks run inside the page by tests/browser/browser.ts (plain JavaScript: it is sent to the
// browser as source text, and the project type-checks without the DOM lib). One async function
// expression; it returns plain JSON: what it found and every problem a user would see.
(async () => {
  const problems = [];
  const box = (el) => el.getBoundingClientRect();
  const visible = (el) =>
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    box(el).width > 0 && box(el).height > 0;
  const describe = (svg) => {
    const title = svg.querySelector(":scope > text.title, :scope > text")?.textContent ?? "";
    return `figure "${title.slice(0, 60)}"`;
  };
  const inside = (r, b) =>
    r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 &&
    r.bottom <= b.bottom + 1;
  // Elements that clip what overflows them (other than the svg elements themselves).
  const clippers = (el) => {
    const out = [];
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (/hidden|clip|auto|scroll/.test(s.overflowX + s.overflowY)) out.push(a);
    }
    return out;
  };

  // Figures: every outermost <svg> (but the glyph parts KaTeX draws as SVG: radicals, accents).
  const figures = [];
  const roots = [...document.querySelectorAll("svg")].filter((s) =>
    !s.parentElement.closest("svg, .katex")
  );
  for (const svg of roots) {
    const name = describe(svg);
    const r = box(svg);
    // Data marks: what Plot drew in the panels, other than axes, ticks, grid and frame.
    const marks = [...svg.querySelectorAll("g[aria-label]")]
      .filter((g) => !/axis|tick|grid|frame/.test(g.getAttribute("aria-label")))
      .reduce((n, g) => n + g.querySelectorAll("path, rect, circle, line, text").length, 0);
    const noData = svg.querySelector("text.no-data")?.textContent ?? null;
    const caption = svg.closest("figure")?.querySelector("figcaption")?.textContent ?? "";
    figures.push({
      name,
      kind: svg.getAttribute("data-kind"),
      width: r.width,
      height: r.height,
      marks,
      noData,
      caption,
    });
    if (!visible(svg)) problems.push(`${name}: not visible (${r.width}x${r.height})`);
    if (marks === 0 && noData === null) problems.push(`${name}: empty (nothing drawn)`);
    for (const c of clippers(svg)) {
      if (!inside(r, box(c))) {
        problems.push(
          `${name}: overflows its container <${c.tagName.toLowerCase()} ` +
            `class="${c.className}"> (${Math.round(r.width)} px wide in ${
              Math.round(box(c).width)
            })`,
        );
      }
    }
    const vw = document.documentElement.clientWidth;
    if (r.right > vw + 1) problems.push(`${name}: wider than the page (${r.right} > ${vw} px)`);
    // Every text must lie inside each <svg> around it (an svg clips what overflows it).
    for (const t of svg.querySelectorAll("text")) {
      if (!t.textContent.trim()) continue;
      const tr = box(t);
      for (let s = t.closest("svg"); s; s = s.parentElement?.closest("svg")) {
        if (!inside(tr, box(s))) {
          const cls = t.getAttribute("class") ?? t.parentElement.getAttribute("aria-label") ?? "";
          problems.push(
            `${name}: text "${t.textContent.slice(0, 50)}" (${cls}) is clipped ` +
              `[${Math.round(tr.left)}, ${Math.round(tr.right)}] x [${Math.round(tr.top)}, ` +
              `${Math.round(tr.bottom)}] outside [${Math.round(box(s).left)}, ` +
              `${Math.round(box(s).right)}] x [${Math.round(box(s).top)}, ${
                Math.round(box(s).bottom)
              }]`,
          );
          break;
        }
      }
    }
  }

  // Nothing runs off the side of the page.
  const html = document.documentElement;
  if (html.scrollWidth > html.clientWidth + 1) {
    const wide = [...document.body.querySelectorAll("*")].filter((e) =>
      box(e).right > html.clientWidth + 1
    ).slice(0, 3).map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`);
    problems.push(
      `the page scrolls sideways (${html.scrollWidth} > ${html.clientWidth} px): ` +
        wide.join(", "),
    );
  }

  // Tables.
  const tables = [...document.querySelectorAll("table")];
  tables.forEach((t, i) => {
    if (!visible(t)) problems.push(`table ${i + 1}: not visible`);
    if (!t.querySelector("td, th")) problems.push(`table ${i + 1}: has no cells`);
  });

  // Math: KaTeX output visible, no TeX left in the text a reader sees.
  const katexes = [...document.querySelectorAll(".katex")];
  katexes.forEach((k, i) => {
    if (!visible(k)) problems.push(`math ${i + 1} ("${k.textContent.slice(0, 30)}"): not visible`);
  });
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll(".katex-mathml, pre, code, script, style, svg").forEach((e) => e.remove());
  const text = clone.textContent;
  const rawTex = text.match(/\$\$|\\(?:frac|beta|hat|ln|le|ge|sum|mathrm|text|alpha|lambda)\b/g);
  if (rawTex) problems.push(`raw TeX in the text: ${[...new Set(rawTex)].join(" ")}`);
  await document.fonts.ready;
  if (katexes.length && !document.fonts.check("16px KaTeX_Main")) {
    problems.push("the KaTeX_Main font is not loaded");
  }

  // Same-page links: the target exists and following the link scrolls it to the top.
  document.documentElement.style.scrollBehavior = "auto";
  const links = [...document.querySelectorAll('a[href^="#"]')];
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (const a of links) {
    // As the HTML standard finds a fragment's element: the id as written, then percent-decoded.
    const id = a.getAttribute("href").slice(1);
    let target = document.getElementById(id);
    try {
      target ??= document.getElementById(decodeURIComponent(id));
    } catch { /* not percent-encoded */ }
    if (!target) {
      problems.push(`link "${a.textContent.trim()}" -> #${id}: no such element`);
      continue;
    }
    scrollTo(0, 0);
    a.click();
    await frame();
    const top = box(target).top;
    const maxScroll = document.documentElement.scrollHeight - innerHeight;
    const atBottom = Math.abs(scrollY - maxScroll) <= 1;
    if (!(Math.abs(top) <= 2 || (atBottom && top >= 0 && top < innerHeight))) {
      problems.push(`link "${a.textContent.trim()}" -> #${id}: target at ${top} px after click`);
    }
    if (location.hash !== `#${a.getAttribute("href").slice(1)}`) {
      problems.push(`link -> #${id}: location.hash is ${location.hash}`);
    }
  }
  scrollTo(0, 0);

  // Tooltips: the <title> of each mark of the figures a user hovers over.
  const titled = [...document.querySelectorAll("svg[data-kind]")].map((svg) => ({
    kind: svg.getAttribute("data-kind"),
    groups: [...svg.querySelectorAll("g[aria-label]")].map((g) => ({
      label: g.getAttribute("aria-label"),
      // The marks of the group (inside a facet's <g> when the figure is faceted).
      titles: [...g.querySelectorAll(
        ":scope > :is(circle, rect, line, path, text), :scope > g > :is(circle, rect, line, path, text)",
      )].map((c) => c.querySelector(":scope > title")?.textContent ?? null),
    })),
    texts: [...svg.querySelectorAll('[aria-label="text"] > text')].map((t) => t.textContent),
  }));

  return {
    figures,
    tables: tables.length,
    katex: katexes.length,
    links: links.length,
    titled,
    problems,
  };
});
