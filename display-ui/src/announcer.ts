import { speechLang, type VoiceLocale } from './speech-text';
import { CLIP_NAMES, voiceClips, type VoiceClip } from './voice-clips';

declare global {
  interface Window {
    /** Every call's text, in order, spoken or played from clips: what the hall heard (read by the browser tests). */
    __giliranSpoken?: string[];
    /** Per call played from the recorded clips, the clips that played to their end, in order (read by the browser tests). */
    __giliranClips?: string[][];
  }
}

interface Announcement {
  text: string;
  locale: VoiceLocale;
  /** `Date.now()` when the call came in. */
  at: number;
  recall: boolean;
}

const SOUND_KEY = 'giliran.display.sound';
/** A pause between two calls, so they do not run into each other. */
const GAP_MS = 600;
/** A call still waiting to be spoken after this long (sound was blocked) is no longer news. */
const STALE_MS = 2 * 60_000;
/** Speech that has not started by then will not: skip to the next call. */
const START_TIMEOUT_MS = 4000;
/** The recorded Indonesian words (scripts/voice-clips.mjs), copied next to the display's page. */
const CLIP_BASE = `${import.meta.env.BASE_URL}audio/id/`;

const sleep = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));

/** Whether this screen was switched to sound before (the choice survives reloads). */
export function soundRemembered(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

function rememberSound(): void {
  try {
    localStorage.setItem(SOUND_KEY, 'on');
  } catch {
    // Storage unavailable: the overlay comes back after a reload, nothing worse.
  }
}

/**
 * The hall's loudspeaker: a chime, then the spoken call, one announcement at a time.
 * Calls that arrive while another is being spoken wait their turn; none is dropped.
 */
export class Announcer {
  private readonly queue: Announcement[] = [];
  private busy = false;
  private enabled = false;
  /** The browser refused to speak: hold the queue until someone clicks "Aktifkan suara". */
  private locked = false;
  private ctx: AudioContext | null = null;
  private voices: SpeechSynthesisVoice[] = [];
  /** Held so Chrome does not garbage-collect the utterance before its `end` fires. */
  private current: SpeechSynthesisUtterance | null = null;
  private clips: ClipPlayer | null = null;

  /** `blocked` runs when the browser refuses to speak (no user gesture on this page yet). */
  constructor(private readonly blocked: () => void = () => undefined) {
    window.__giliranSpoken ??= [];
    window.__giliranClips ??= [];
    const synth = window.speechSynthesis;
    if (synth) {
      const load = () => (this.voices = synth.getVoices());
      load();
      synth.addEventListener?.('voiceschanged', load);
    }
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /**
   * Switches sound on. Call it from a click the first time: browsers keep audio locked
   * until the page has had a user gesture. Resolves whether audio actually plays.
   */
  async enable(): Promise<boolean> {
    this.enabled = true;
    this.locked = false;
    rememberSound();
    const running = await this.resumeAudio();
    void this.pump();
    return running;
  }

  /**
   * Tries to switch on without a gesture (a screen that was switched on before, or a kiosk
   * browser started with autoplay allowed). Resolves false when the browser still blocks audio.
   */
  async tryResume(): Promise<boolean> {
    const running = await this.resumeAudio();
    if (running) {
      this.enabled = true;
      void this.pump();
    }
    return running;
  }

  /** `recall`: the chime rings three times instead of twice, before "Panggilan ulang…". */
  announce(text: string, locale: VoiceLocale, recall = false): void {
    if (!this.enabled) return;
    this.queue.push({ text, locale, at: Date.now(), recall });
    void this.pump();
  }

  private audio(): AudioContext | null {
    if (this.ctx) return this.ctx;
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return null;
    try {
      this.ctx = new Ctor();
    } catch {
      return null;
    }
    return this.ctx;
  }

  private async resumeAudio(): Promise<boolean> {
    const ctx = this.audio();
    if (!ctx) return 'speechSynthesis' in window;
    if (ctx.state !== 'running') {
      // resume() stays pending forever while the browser blocks audio: give it a moment only.
      await Promise.race([ctx.resume().catch(() => undefined), sleep(400)]);
      if ((ctx.state as AudioContextState) !== 'running') return false;
    }
    // Fetched and decoded once, before the first call, so it is not late.
    if (!this.pickVoice(speechLang('id'))) this.clipPlayer()?.preload(CLIP_NAMES);
    return true;
  }

  private clipPlayer(): ClipPlayer | null {
    if (!this.clips && this.ctx) this.clips = new ClipPlayer(this.ctx, CLIP_BASE);
    return this.clips;
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (!this.locked) {
        const next = this.queue.shift();
        if (!next) break;
        if (Date.now() - next.at > STALE_MS) continue;
        await this.chime(next.recall);
        const spoken = await this.say(next);
        // Refused for want of a user gesture: keep the call for when sound is switched on.
        if (!spoken) this.queue.unshift(next);
        else await sleep(GAP_MS);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Two short tones ("ding-dong") with a bell-like overtone; no audio files to load. */
  private async chime(recall = false): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime + 0.05;
    const tone = (freq: number, at: number, duration: number) => {
      for (const [multiple, level] of [
        [1, 0.35],
        [2, 0.08],
        [3, 0.03],
      ] as const) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq * multiple;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(level, at + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + duration);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + duration + 0.05);
      }
    };
    tone(659.25, start, 0.9); // E5
    tone(523.25, start + 0.5, 1.2); // C5
    if (recall) tone(659.25, start + 1.0, 1.2); // E5 again: a recall does not sound like a first call
    await sleep(recall ? 2000 : 1500);
  }

  /** A voice for the language if the system has one; otherwise the browser's default for `lang`. */
  private pickVoice(lang: string): SpeechSynthesisVoice | null {
    const tag = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-').toLowerCase();
    const want = lang.toLowerCase();
    // Old Android reports Indonesian as "in-ID".
    const exact = want === 'id-id' ? ['id-id', 'in-id'] : [want];
    const bases = exact.map((t) => t.split('-')[0]);
    const voices = this.voices.length ? this.voices : (window.speechSynthesis?.getVoices() ?? []);
    return voices.find((v) => exact.includes(tag(v))) ?? voices.find((v) => bases.includes(tag(v).split('-')[0])) ?? null;
  }

  /**
   * An Indonesian call on a PC with no Indonesian voice is played from the recorded clips: a
   * default voice reading Indonesian with English rules is not understood in a hall. Resolves
   * false when the browser refused to play for want of a user gesture.
   */
  private async say(next: Announcement): Promise<boolean> {
    window.__giliranSpoken?.push(next.text);
    const player = next.locale === 'id' && !this.pickVoice(speechLang('id')) ? this.clipPlayer() : null;
    if (player) {
      const played: string[] = [];
      window.__giliranClips?.push(played);
      const result = await player.play(voiceClips(next.text), played);
      if (result === 'played') return true;
      window.__giliranClips?.splice(window.__giliranClips.indexOf(played), 1);
      if (result === 'locked') {
        this.locked = true;
        this.blocked();
        return false;
      }
      // Not one clip could be loaded (offline since the page opened, a build without them): speak after all.
    }
    return this.speak(next);
  }

  /** Resolves false when the browser refused to speak for want of a user gesture. */
  private speak({ text, locale }: Announcement): Promise<boolean> {
    const synth = window.speechSynthesis;
    // Roughly how long a voice takes to say it; the watchdog for engines that never say `end`.
    const expectedMs = 2500 + text.length * 110;
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return sleep(Math.min(expectedMs, 4000)).then(() => true);
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = speechLang(locale);
      const voice = this.pickVoice(utterance.lang);
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.volume = 1;
      let timer = 0;
      const finish = (spoken = true) => {
        window.clearTimeout(timer);
        if (this.current === utterance) this.current = null;
        resolve(spoken);
      };
      utterance.onend = () => finish();
      utterance.onerror = (event) => {
        if (event.error !== 'not-allowed') return finish();
        // No user gesture yet on this page: ask for one again.
        this.locked = true;
        this.blocked();
        finish(false);
      };
      const giveUp = () => {
        synth.cancel();
        finish();
      };
      // A system without a voice for the language may never start: do not hold the queue for it.
      timer = window.setTimeout(giveUp, START_TIMEOUT_MS);
      utterance.onstart = () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(giveUp, expectedMs * 2);
      };
      this.current = utterance;
      // Chrome sometimes stays paused after the tab was in the background.
      if (synth.paused) synth.resume();
      synth.speak(utterance);
    });
  }
}

/**
 * Plays the recorded words of a call one after another through the display's AudioContext (the one
 * the chime uses, so sound switched on for the chime is on for the clips). Each clip is fetched and
 * decoded once and kept.
 */
class ClipPlayer {
  private readonly buffers = new Map<string, Promise<AudioBuffer | null>>();

  constructor(
    private readonly ctx: AudioContext,
    private readonly base: string,
  ) {}

  preload(names: readonly string[]): void {
    for (const name of names) void this.load(name);
  }

  /**
   * `played` receives each clip's name once it has played to its end. `locked`: the browser keeps
   * audio suspended; `failed`: not one clip of the call could be loaded.
   */
  async play(clips: VoiceClip[], played: string[]): Promise<'played' | 'locked' | 'failed'> {
    const ctx = this.ctx;
    if (ctx.state !== 'running') {
      await Promise.race([ctx.resume().catch(() => undefined), sleep(400)]);
      if ((ctx.state as AudioContextState) !== 'running') return 'locked';
    }
    // The whole call loaded before the first word, so no word waits on the network mid-sentence.
    const loading = Promise.all(clips.map((clip) => this.load(clip.name)));
    const buffers = await Promise.race([loading, sleep(START_TIMEOUT_MS).then(() => null)]);
    if (!buffers?.some(Boolean)) return 'failed';
    for (const [i, clip] of clips.entries()) {
      const buffer = buffers[i];
      if (!buffer) continue;
      if (await this.playOne(buffer)) played.push(clip.name);
      if (i < clips.length - 1) await sleep(clip.pauseAfterMs);
    }
    return 'played';
  }

  /** Resolves true when the clip played to its end, false when it was cut off (the context stalled). */
  private playOne(buffer: AudioBuffer): Promise<boolean> {
    return new Promise((resolve) => {
      const source = this.ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(this.ctx.destination);
      const timer = window.setTimeout(
        () => {
          resolve(false);
          source.stop();
        },
        buffer.duration * 1000 + 1500,
      );
      source.onended = () => {
        window.clearTimeout(timer);
        source.disconnect();
        resolve(true);
      };
      source.start();
    });
  }

  private load(name: string): Promise<AudioBuffer | null> {
    let buffer = this.buffers.get(name);
    if (!buffer) {
      buffer = fetch(`${this.base}${name}.ogg`)
        .then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error(`${res.status}`))))
        .then((data) => this.ctx.decodeAudioData(data))
        .catch(() => {
          // Tried again at the next call (the display was offline, say).
          this.buffers.delete(name);
          return null;
        });
      this.buffers.set(name, buffer);
    }
    return buffer;
  }
}
