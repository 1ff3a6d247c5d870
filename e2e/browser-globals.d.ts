// What the pages expose for browser tests, as seen from page.evaluate() callbacks.
import type { AnnouncementRecord } from '../counter-display/src/lib/voice/announcement-queue';

declare global {
  interface Window {
    __announcements?: AnnouncementRecord[];
  }
}
