import type { Page } from 'playwright-core';

/**
 * Every visible block of text whose last line holds a single character (纠纷调/解, 证书办/理, 军/属),
 * measured in the real layout: each character's box through Range.getClientRects(), grouped into lines
 * by position. A block that is one character in all (a key, an icon) is not an orphan. Whitespace and
 * punctuation do not count as characters, so "调解。" alone on a line is still two.
 */
export async function orphanLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const inline = (el: Element) => getComputedStyle(el).display === 'inline';
    const shown = (el: Element) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
    };
    // Text nodes grouped by the block that lays them out (the nearest ancestor that is not inline).
    const blocks = new Map<Element, Text[]>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (!node.textContent?.trim()) continue;
      let block = node.parentElement;
      while (block && inline(block) && block.parentElement) block = block.parentElement;
      if (!block || !shown(block) || block.closest('[aria-hidden="true"], script, style, svg')) continue;
      blocks.set(block, [...(blocks.get(block) ?? []), node]);
    }
    const counts = (ch: string) => /[^\s\p{P}\p{S}]/u.test(ch);
    const found: string[] = [];
    for (const nodes of blocks.values()) {
      const lines: Array<{ top: number; bottom: number; text: string }> = [];
      for (const node of nodes) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i += 1) {
          const size = text.codePointAt(i)! > 0xffff ? 2 : 1;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + size);
          const rect = [...range.getClientRects()].find((r) => r.width > 0 && r.height > 0);
          const ch = text.slice(i, i + size);
          i += size - 1;
          if (!rect) continue;
          const last = lines.at(-1);
          // Same line while the boxes overlap vertically by more than half the smaller one.
          const overlap = last ? Math.min(last.bottom, rect.bottom) - Math.max(last.top, rect.top) : -1;
          if (last && overlap > Math.min(last.bottom - last.top, rect.height) / 2) {
            last.text += ch;
            last.top = Math.min(last.top, rect.top);
            last.bottom = Math.max(last.bottom, rect.bottom);
          } else {
            lines.push({ top: rect.top, bottom: rect.bottom, text: ch });
          }
        }
      }
      const total = lines.reduce((sum, line) => sum + [...line.text].filter(counts).length, 0);
      const last = lines.at(-1);
      if (!last || lines.length < 2 || total < 2) continue;
      if ([...last.text].filter(counts).length <= 1) {
        found.push(`${lines.map((line) => line.text.trim()).join(' / ')}`);
      }
    }
    return found;
  });
}

/** How many lines the element's text takes (1 = never broken). */
export async function lineCount(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  });
}

/**
 * Visible text that runs past the edge of the screen, where nobody can read it (a scrollable box
 * is fine: the visitor scrolls it).
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrollable = (el: Element | null): boolean => {
      for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
        const { overflowY } = getComputedStyle(node);
        if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return true;
      }
      return false;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || getComputedStyle(parent).visibility === 'hidden' || scrollable(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.bottom > window.innerHeight + 1 || rect.right > window.innerWidth + 1 || rect.top < -1 || rect.left < -1) {
          found.push(`${text.slice(0, 24)} (${Math.round(rect.left)},${Math.round(rect.top)})`);
          break;
        }
      }
    }
    return found;
  });
}
