// The config playground's script (demo-site/pages.mjs, route /playground). It runs in the
// head before beckon.js: it makes the snippet's stub and calls init with the config last
// applied here (kept in localStorage) or the demo config's URL, with the debug panel on.
// Once the page is parsed it wires the editor, which checks the text as you type with the
// validator of Beckon's own config chunks (the one the browser and `beckon validate` use),
// and the "Simulate a visitor" controls. An external file with no eval, so the page would
// work under `script-src 'self'`.
(function () {
  'use strict';

  var STORE_KEY = 'beckon-playground.config';
  var DEMO_CONFIG = '/beckon.config.json';
  /** The store's own cart (assets/store.js); "Forget me" empties it with the visitor. */
  var STORE_CART_KEY = 'stride-cart';
  var CHECK_DELAY_MS = 300;

  /** The config applied on this page: `{ text, appliedAt }`, or undefined for the demo config. */
  function readApplied() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE_KEY) || 'null');
      if (saved && typeof saved.text === 'string' && isPlainObject(JSON.parse(saved.text))) return saved;
    } catch (e) {
      // Nothing kept, storage refused, or a value that is not ours: run the demo config.
    }
    return undefined;
  }

  function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  var applied = readApplied();
  window.beckon =
    window.beckon ||
    function () {
      (window.beckon.q = window.beckon.q || []).push(arguments);
    };
  window.beckon('init', { config: applied ? JSON.parse(applied.text) : DEMO_CONFIG, debug: true, endpoint: '/collect' });

  /** `window.beckon` once beckon.js has replaced the stub (its methods return Promises only then). */
  var loaded = new Promise(function (resolve, reject) {
    function installed() {
      var ready = typeof window.beckon.profile === 'function';
      if (ready) resolve(window.beckon);
      return ready;
    }
    if (installed()) return;
    document.addEventListener('DOMContentLoaded', function () {
      if (installed()) return;
      var tag = document.querySelector('script[src$="/beckon.js"]');
      if (!tag) return reject(new Error('no beckon.js script on the page'));
      tag.addEventListener('load', function () {
        if (!installed()) reject(new Error('beckon.js loaded but did not start (see the console)'));
      });
      tag.addEventListener('error', function () { reject(new Error('beckon.js did not load')); });
    });
  });

  // ---- JSON syntax: where the text stops being JSON, and where each path starts ----

  /** Scans JSON text. Returns `{ error?: { offset, message }, offsets }`: offsets maps each path (`segments[0].when`) to where its key or value starts. */
  function scanJson(text) {
    var at = 0;
    var offsets = new Map();
    function fail(message) {
      throw { offset: at, message: message };
    }
    function show(char) {
      return char === undefined ? 'the end of the text' : JSON.stringify(char);
    }
    function space() {
      while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
    }
    function child(path, key) {
      return path === '' ? key : path + '.' + key;
    }
    function value(path) {
      space();
      if (!offsets.has(path)) offsets.set(path, at);
      var char = text[at];
      if (char === '{') return object(path);
      if (char === '[') return array(path);
      if (char === '"') return string();
      if (char === '-' || (char >= '0' && char <= '9')) return number();
      var words = ['true', 'false', 'null'];
      for (var i = 0; i < words.length; i++) {
        if (text.startsWith(words[i], at)) {
          at += words[i].length;
          return;
        }
      }
      if (char === "'") fail('strings and names take double quotes in JSON');
      fail(char === undefined ? 'the text ends where a value should be' : 'unexpected ' + show(char) + ' where a value should be');
    }
    function object(path) {
      at++;
      space();
      if (text[at] === '}') return void at++;
      for (;;) {
        space();
        if (text[at] !== '"') {
          if (text[at] === '}') fail('a comma before "}": JSON allows no trailing comma');
          fail('expected a property name in double quotes, found ' + show(text[at]));
        }
        var start = at;
        var key = string();
        offsets.set(child(path, key), start);
        space();
        if (text[at] !== ':') fail('expected ":" after the property name "' + key + '", found ' + show(text[at]));
        at++;
        value(child(path, key));
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') return void at++;
        fail('expected "," or "}" after the value of "' + key + '", found ' + show(text[at]));
      }
    }
    function array(path) {
      at++;
      space();
      if (text[at] === ']') return void at++;
      for (var index = 0; ; index++) {
        space();
        if (text[at] === ']') fail('a comma before "]": JSON allows no trailing comma');
        value(path + '[' + index + ']');
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') return void at++;
        fail('expected "," or "]" after an item, found ' + show(text[at]));
      }
    }
    function string() {
      var start = at;
      at++;
      for (;;) {
        var char = text[at];
        if (char === undefined) {
          at = start;
          fail('this string is never closed');
        }
        if (char === '"') {
          at++;
          return JSON.parse(text.slice(start, at));
        }
        if (char === '\\') {
          var escape = text[at + 1];
          if (escape === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('expected 4 hex digits after \\u');
            at += 6;
          } else if (escape !== undefined && '"\\/bfnrt'.indexOf(escape) !== -1) at += 2;
          else fail('unknown escape \\' + (escape || ''));
          continue;
        }
        if (char < ' ') fail(char === '\n' ? 'a line break inside a string (is a closing " missing?)' : char === '\t' ? 'a tab inside a string (write \\t)' : 'a control character inside a string');
        at++;
      }
    }
    function number() {
      var pattern = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
      pattern.lastIndex = at;
      var match = pattern.exec(text);
      if (!match) fail('a malformed number');
      at += match[0].length;
    }
    try {
      value('');
      space();
      if (at < text.length) fail('unexpected ' + show(text[at]) + ' after the end of the config');
      return { offsets: offsets };
    } catch (error) {
      if (error && typeof error.offset === 'number') return { error: error, offsets: offsets };
      throw error;
    }
  }

  /** 1-based line and column of an offset in the text. */
  function lineAndColumn(text, offset) {
    var before = text.slice(0, offset);
    var line = before.split('\n').length;
    return { line: line, column: offset - before.lastIndexOf('\n') };
  }

  /** Where a problem's path starts in the text: the path itself, or the nearest part of it that is written (a missing key reads as its parent). */
  function offsetOfPath(offsets, path) {
    if (path === '(root)') return 0;
    var rest = path;
    while (rest) {
      if (offsets.has(rest)) return offsets.get(rest);
      var cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
      rest = cut > 0 ? rest.slice(0, cut) : '';
    }
    return 0;
  }

  // ---- The validator: Beckon's own config chunks, loaded once ----

  var validatorLoad;
  function loadValidator() {
    if (!validatorLoad) {
      validatorLoad = Promise.all([import('/chunks/config.js'), import('/chunks/quizzes.js'), import('/chunks/signals.js'), import('/chunks/intent.js'), import('/chunks/lint.js')]).then(
        function (chunks) {
          return { config: chunks[0], quizzes: chunks[1], signals: chunks[2], intent: chunks[3], lint: chunks[4] };
        },
      );
      // A failed load (the server was rebuilding dist/) is tried again at the next check.
      validatorLoad.catch(function () { validatorLoad = undefined; });
    }
    return validatorLoad;
  }

  /**
   * Every problem of a parsed config, section by section, as sdk/entry/cli.ts `validate()`
   * collects them, the CLI's own checks too (the lint chunk). The segments are read in slices, as in the page, so a huge config does
   * not freeze the editor.
   */
  function validate(chunks, raw) {
    return chunks.config.parseConfigInSlices(raw).then(function (parsed) {
      return sectionProblems(chunks, raw, parsed);
    });
  }

  function sectionProblems(chunks, raw, parsed) {
    var quizProblems = [];
    var quizzes = chunks.quizzes.parseQuizzes(parsed.config, quizProblems);
    var campaigns = chunks.config.parseCampaignSection(parsed.config, { valid: quizzes, all: parsed.config.quizzes });
    var sections = isPlainObject(raw) ? raw : {};
    return parsed.problems.concat(
      quizProblems,
      campaigns.problems,
      chunks.lint.selectorProblems(raw),
      chunks.lint.lintSegmentsEquality(raw),
      sections.rfm !== undefined ? chunks.signals.parseRfmConfig(sections.rfm).problems : [],
      sections.intent !== undefined ? chunks.intent.parseIntentConfig(sections.intent).problems : [],
    );
  }

  // ---- The page ----

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function start() {
    var editor = document.querySelector('[data-config-editor]');
    var summary = document.querySelector('[data-problem-summary]');
    var list = document.querySelector('[data-problem-list]');
    var applyStatus = document.querySelector('[data-apply-status]');
    var running = document.querySelector('[data-running]');
    if (!editor) return;

    var demoText;
    /** The problems on screen, as a string, so the live region speaks only when they change; and their buttons. */
    var shownKey;
    var shown = [];
    var checkRun = 0;
    var timer;

    function goTo(offset) {
      editor.focus();
      editor.setSelectionRange(offset, offset);
    }

    /** Says where a problem is on its button; the button jumps there. */
    function place(entry, text) {
      var where = lineAndColumn(text, entry.problem.offset);
      entry.button.textContent = 'line ' + where.line + ', column ' + where.column;
      entry.button.setAttribute('aria-label', 'Go to line ' + where.line + ', column ' + where.column);
    }

    function render(problems, text) {
      // Errors first; within a severity, the validator's order (section by section).
      var sorted = problems.filter(function (p) { return p.severity === 'error'; }).concat(problems.filter(function (p) { return p.severity !== 'error'; }));
      var key = JSON.stringify(sorted.map(function (p) { return [p.severity, p.path, p.message]; }));
      if (key === shownKey) {
        // The same problems, perhaps moved by the typing: update where they are, and let the live region say only that.
        shown.forEach(function (entry, i) {
          entry.problem = sorted[i];
          place(entry, text);
        });
        return;
      }
      shownKey = key;
      var errors = problems.filter(function (p) { return p.severity === 'error'; }).length;
      var warnings = problems.length - errors;
      editor.setAttribute('aria-invalid', errors > 0 ? 'true' : 'false');
      var counts = errors + (errors === 1 ? ' error, ' : ' errors, ') + warnings + (warnings === 1 ? ' warning' : ' warnings');
      summary.textContent =
        problems.length === 0
          ? 'No problems: the validator accepts this config.'
          : problems[0].syntax
            ? 'The text is not JSON yet, so it cannot be checked or applied.'
            : counts + (errors > 0 ? ': Beckon skips what has an error (or keeps its default) and runs the rest.' : '.');
      summary.className = 'pg-summary' + (errors > 0 ? ' pg-has-errors' : problems.length > 0 ? ' pg-has-warnings' : ' pg-ok');
      list.replaceChildren();
      shown = sorted.map(function (problem) {
        var item = element('li', 'pg-problem pg-' + problem.severity);
        item.append(element('span', 'pg-severity', problem.severity === 'error' ? 'Error' : 'Warning'), ' ');
        if (problem.syntax) item.append('JSON syntax: ');
        else item.append(element('code', 'pg-path', problem.path), ': ');
        item.append(problem.message, ' ');
        var entry = { problem: problem, button: element('button', 'link-button') };
        entry.button.type = 'button';
        entry.button.addEventListener('click', function () { goTo(entry.problem.offset); });
        place(entry, text);
        item.append(entry.button);
        list.append(item);
        return entry;
      });
    }

    function check() {
      clearTimeout(timer);
      var run = ++checkRun;
      var text = editor.value;
      var scan = scanJson(text);
      var raw;
      var syntax = scan.error;
      if (!syntax) {
        try {
          raw = JSON.parse(text);
        } catch (error) {
          // The scan and the browser disagree: the browser's word wins.
          syntax = { offset: 0, message: error.message };
        }
      }
      if (syntax) {
        render([{ syntax: true, message: syntax.message, severity: 'error', offset: syntax.offset }], text);
        return Promise.resolve(false);
      }
      return loadValidator().then(
        function (chunks) {
          return Promise.resolve()
            .then(function () {
              return validate(chunks, raw);
            })
            .catch(function (error) {
              return [{ path: '(root)', message: 'the validator failed: ' + String(error), severity: 'error' }];
            })
            .then(function (problems) {
              return show(problems);
            });
        },
        function (error) {
          if (run !== checkRun) return false;
          summary.textContent = 'The validator could not be loaded (' + String(error) + '); Check tries again.';
          shownKey = undefined;
          return false;
        },
      );

      function show(problems) {
        if (run !== checkRun) return false;
        render(
          problems.map(function (p) {
            return { path: p.path, message: p.message, severity: p.severity, offset: offsetOfPath(scan.offsets, p.path) };
          }),
          text,
        );
        return true;
      }
    }

    function setStatus(message) {
      applyStatus.textContent = message;
    }

    editor.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(check, CHECK_DELAY_MS);
      setStatus(editor.value === (applied ? applied.text : demoText) ? '' : 'Edited: Apply runs this text on the page.');
    });
    document.querySelector('[data-check]').addEventListener('click', check);

    /** Stores the editor's text as the config of this page and reloads, or says why not. */
    function apply() {
      var text = editor.value;
      if (scanJson(text).error) {
        check();
        setStatus('Not applied: the text is not JSON yet. Fix the syntax error listed below.');
        return;
      }
      if (!isPlainObject(JSON.parse(text))) {
        setStatus('Not applied: a config is a JSON object, { … }.');
        return;
      }
      try {
        localStorage.setItem(STORE_KEY, JSON.stringify({ text: text, appliedAt: new Date().toISOString() }));
      } catch (error) {
        setStatus('Not applied: this browser refused to store it (' + String(error) + ').');
        return;
      }
      location.reload();
    }
    document.querySelector('[data-apply]').addEventListener('click', apply);

    /**
     * Lets a campaign run on this page: adds the playground to its `pages.include` (and
     * drops the `exclude` patterns that name it) in the editor's config, then applies it.
     * Forcing it with show() is not enough: the runner takes a bar or inline widget off a
     * page its `pages` leave out at the next profile change, so a quiz would close after
     * its first answer.
     */
    function runHere(id) {
      var config;
      try {
        config = JSON.parse(editor.value);
      } catch (e) {
        setStatus('The text in the editor is not JSON yet: fix it, then try again.');
        return;
      }
      var campaign = isPlainObject(config) && Array.isArray(config.campaigns) ? config.campaigns.find(function (c) { return isPlainObject(c) && c.id === id; }) : undefined;
      if (!campaign) {
        setStatus('The config in the editor has no campaign "' + id + '".');
        return;
      }
      var pages = isPlainObject(campaign.pages) ? campaign.pages : (campaign.pages = {});
      if (Array.isArray(pages.include) && !pages.include.some(globMatchesHere)) pages.include = pages.include.concat(location.pathname);
      if (Array.isArray(pages.exclude)) pages.exclude = pages.exclude.filter(function (glob) { return !globMatchesHere(glob); });
      editor.value = JSON.stringify(config, null, 2);
      apply();
    }

    document.querySelector('[data-reset]').addEventListener('click', function () {
      try {
        localStorage.removeItem(STORE_KEY);
      } catch (e) {
        // Storage refused: there was nothing kept either.
      }
      location.reload();
    });

    if (applied) {
      var time = new Date(applied.appliedAt);
      running.textContent = 'This page runs the config you applied' + (isNaN(time) ? '' : ' at ' + time.toLocaleTimeString()) + '. Reset to go back to the demo config.';
    } else running.textContent = 'This page runs the demo config (' + DEMO_CONFIG + ').';

    /** The running config, for the quiz buttons: the applied one, or the demo's once fetched. */
    var runningConfig = applied ? Promise.resolve(JSON.parse(applied.text)) : undefined;
    if (applied) {
      editor.value = applied.text;
      check();
    } else {
      editor.disabled = true;
      runningConfig = fetch(DEMO_CONFIG, { cache: 'no-store' })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.text();
        })
        .then(function (text) {
          demoText = text;
          editor.value = demoText;
          check();
          return JSON.parse(demoText);
        })
        .catch(function (error) {
          summary.textContent = 'The demo config could not be loaded (' + String(error) + '). Paste a config to check it.';
          return {};
        })
        .finally(function () {
          editor.disabled = false;
        });
    }

    startVisitor(runningConfig, runHere);
  }

  // ---- Simulate a visitor ----

  function compact(value) {
    return value === undefined || (isPlainObject(value) && Object.keys(value).length === 0) ? 'none' : JSON.stringify(value);
  }

  /** A typed trait value: numbers and booleans as such, anything else as the text it is. */
  function traitValue(text) {
    var trimmed = text.trim();
    if (trimmed === 'true') return true;
    if (trimmed === 'false') return false;
    if (trimmed !== '' && isFinite(Number(trimmed))) return Number(trimmed);
    return text;
  }

  /** The ids of the campaigns that show a quiz, with where they show. */
  function quizCampaigns(config) {
    var campaigns = isPlainObject(config) && Array.isArray(config.campaigns) ? config.campaigns : [];
    return campaigns.filter(function (c) {
      if (!isPlainObject(c) || typeof c.id !== 'string') return false;
      var contents = Array.isArray(c.variants) ? c.variants.map(function (v) { return v && v.content; }) : [c.content];
      return contents.some(function (content) { return isPlainObject(content) && content.kind === 'quiz'; });
    });
  }

  /**
   * Whether a `pages` glob names this page (`*` within a path segment, `**` across), as
   * Beckon reads them. Only to pick the quiz button: the runner has the last word.
   */
  function globMatchesHere(glob) {
    if (typeof glob !== 'string') return false;
    var pattern = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*|\*/g, function (star) { return star === '**' ? '.*' : '[^/]*'; });
    return new RegExp('^' + pattern + '$').test(location.pathname);
  }

  /** Whether a campaign's `pages` let it stay on this page (an open popup stays wherever it is). */
  function runsHere(campaign) {
    if (campaign.type === 'popup' || !isPlainObject(campaign.pages)) return true;
    var include = campaign.pages.include;
    var exclude = campaign.pages.exclude;
    return (!Array.isArray(include) || include.some(globMatchesHere)) && !(Array.isArray(exclude) && exclude.some(globMatchesHere));
  }

  function startVisitor(runningConfig, runHere) {
    var traffic = document.querySelector('[data-traffic]');
    var traits = document.querySelector('[data-traits]');
    var answers = document.querySelector('[data-answers]');
    var quizButtons = document.querySelector('[data-quiz-buttons]');

    function refresh(beckon) {
      return beckon.profile().then(function (profile) {
        if (!profile) return;
        var t = profile.traffic || {};
        traffic.textContent = ['channel', 'source', 'medium', 'campaign']
          .map(function (key) { return key + ' ' + (t[key] == null || t[key] === '' ? '—' : t[key]); })
          .join(' · ');
        traits.textContent = compact(profile.traits);
        // A quiz on the page is listed before it has answers.
        var given = {};
        Object.keys(profile.answers || {}).forEach(function (quiz) {
          if (Object.keys(profile.answers[quiz] || {}).length > 0) given[quiz] = profile.answers[quiz];
        });
        answers.textContent = compact(given);
      });
    }

    loaded.then(
      function (beckon) {
        refresh(beckon);
        beckon.on('quiz_answer', function () { refresh(beckon); });
        beckon.on('quiz_complete', function () { refresh(beckon); });

        document.querySelector('[data-identify]').addEventListener('submit', function (event) {
          event.preventDefault();
          var form = event.currentTarget;
          var key = form.elements.key.value.trim();
          if (!key) return;
          var update = {};
          update[key] = traitValue(form.elements.value.value);
          beckon.identify(update);
          refresh(beckon);
        });

        document.querySelector('[data-forget]').addEventListener('click', function () {
          beckon.forget();
          try {
            localStorage.removeItem(STORE_CART_KEY);
          } catch (e) {
            // The demo cart stays; Beckon's visitor is gone all the same.
          }
          // profile() settles after every command issued before it, so the wipe is done.
          beckon.profile().finally(function () { location.href = '/playground'; });
        });

        runningConfig.then(function (config) {
          var campaigns = quizCampaigns(config);
          quizButtons.replaceChildren();
          if (campaigns.length === 0) quizButtons.append(element('p', 'pg-muted', 'The running config has no campaign that shows a quiz.'));
          campaigns.forEach(function (c) {
            var where = c.type === 'inline' && isPlainObject(c.placement) ? 'inline at ' + c.placement.target : c.type;
            var here = runsHere(c);
            var button = element('button', 'button pg-small', (here ? 'Show ' : 'Run ') + c.id + (here ? '' : ' on this page') + (typeof where === 'string' ? ' (' + where + ')' : ''));
            button.type = 'button';
            button.addEventListener('click', function () {
              if (here) beckon.show(c.id);
              else runHere(c.id);
            });
            quizButtons.append(button);
          });
          if (campaigns.some(function (c) { return !runsHere(c); })) {
            quizButtons.append(
              element('p', 'pg-muted', '“Run … on this page” adds ' + location.pathname + ' to the campaign’s pages.include in the editor and applies it: a bar or inline campaign stays only on the pages it names.'),
            );
          }
        });
      },
      function (error) {
        traffic.textContent = 'Beckon did not start: ' + String(error);
      },
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
