import type { Lang } from './i18n';

/**
 * Reads a choice aloud in elderly mode (Web Speech API). Silent where the browser has no voices,
 * e.g. headless Chromium; the screen already shows everything it says.
 */
export function speak(text: string, lang: Lang): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang === 'zh' ? 'zh-CN' : 'en-US';
  utterance.rate = 0.9;
  const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(utterance.lang.toLowerCase()));
  if (voice) utterance.voice = voice;
  synth.speak(utterance);
}
