import type { Lang } from './i18n';

/** Longest a 语音播报中 mark stays up when the browser never reports the end of an utterance (a known Chromium gap). */
export function speechTimeoutMs(text: string): number {
  return 2000 + 400 * [...text].length;
}

/**
 * Reads a choice aloud in elderly mode (Web Speech API). Silent where the browser has no speech at all;
 * `ondone` runs once when the utterance ends, fails or is cut off by the next one. Returns whether it was handed over.
 */
export function speak(text: string, lang: Lang, ondone: () => void = () => {}): boolean {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return false;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang === 'zh' ? 'zh-CN' : 'en-US';
  utterance.rate = 0.9;
  const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(utterance.lang.toLowerCase()));
  if (voice) utterance.voice = voice;
  utterance.onend = ondone;
  utterance.onerror = ondone;
  synth.speak(utterance);
  return true;
}
