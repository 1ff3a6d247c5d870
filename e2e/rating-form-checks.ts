import type { Page } from 'playwright-core';

/**
 * What issue 13.9 asks of the rating form, measured in the real layout of whichever screen shows
 * it (kiosk, phone, pad): 64 px targets, ≥ 3:1 for the stars' shape, face labels on one line, the
 * submit button clear of every row, the other faces as strong as the chosen one, and the name of
 * who served in view. Returns only the offenders (empty lists when all is well).
 */
export async function ratingFormProblems(page: Page) {
  return page.evaluate(() => {
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    /** The first opaque background behind an element. */
    const backgroundOf = (el: Element | null): string => {
      for (let node = el; node; node = node.parentElement) {
        const bg = getComputedStyle(node).backgroundColor;
        if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const form = document.querySelector('form.rating');
    if (!form) return { missing: true, smallTargets: [], wrappedLabels: [], submitOverlaps: [], lowContrast: [], dimmed: [], servedBy: null };
    const name = (el: Element) => el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 12) || el.tagName;
    const targets = [...form.querySelectorAll('.face, .star, .chip, button[type=submit]')];
    const smallTargets = targets
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < 63.5 || rect.height < 63.5)
      .map(({ el, rect }) => `${name(el)} ${Math.round(rect.width)}×${Math.round(rect.height)}`);
    const wrappedLabels = [...form.querySelectorAll('.face-label')]
      .filter((el) => el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).fontSize) * 1.8)
      .map((el) => el.textContent ?? '');
    const submit = form.querySelector('button[type=submit]')!;
    const s = submit.getBoundingClientRect();
    const submitOverlaps = [...form.querySelectorAll('.face, .dimension, .chip, textarea')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
      })
      .map(name);
    const position = getComputedStyle(submit).position;
    if (position === 'sticky' || position === 'fixed') submitOverlaps.push(`submit is ${position}`);
    const lowContrast = [...form.querySelectorAll('.star svg')]
      .map((svg) => {
        const style = getComputedStyle(svg);
        const edge = style.stroke !== 'none' ? style.stroke : style.fill;
        return { svg, ratio: contrast(edge, backgroundOf(svg.parentElement)) };
      })
      .filter(({ ratio }) => ratio < 3)
      .map(({ svg, ratio }) => `${name(svg.parentElement!)} ${ratio.toFixed(2)}:1`);
    const dimmed = [...form.querySelectorAll('.face')]
      .filter((el) => Number(getComputedStyle(el).opacity) < 1)
      .map(name);
    const servedBy = form.querySelector('[data-testid=rating-served-by]');
    const servedRect = servedBy?.getBoundingClientRect();
    return {
      missing: false, smallTargets, wrappedLabels, submitOverlaps, lowContrast, dimmed,
      servedBy: servedBy && servedRect && servedRect.bottom > 0 && servedRect.top < window.innerHeight ? servedBy.textContent : null,
    };
  });
}
