// Run once as the sources panel's js_on_load (`element` is the panel, `trigger` sends it an event).
// Listeners are delegated from the document, so they hold however often the chat re-renders; inline
// handlers would be stripped by the chat's sanitizer.
if (!window.__assistantChat) {
  window.__assistantChat = true;
  const panel = element;

  const preview = document.createElement('div');
  preview.id = 'cite-preview';
  preview.setAttribute('role', 'tooltip');
  preview.hidden = true;
  document.body.appendChild(preview);

  const citeOf = (target) => target.closest && target.closest('#chat a.cite');
  // The passage a marker cites rides hidden in its answer (#passage-T-N for the link #cite-T-N).
  const passageOf = (link) => document.getElementById(link.getAttribute('href').slice(1).replace('cite-', 'passage-'));
  // Beside the chat (a wide window) the sources panel shows the passage; stacked below it (a phone),
  // it is out of sight, so the passage opens in place instead.
  const panelBesideChat = () => {
    const chat = document.getElementById('chat');
    return chat && panel.getBoundingClientRect().left >= chat.getBoundingClientRect().right - 1;
  };

  const showPreview = (link) => {
    const cited = passageOf(link)?.querySelector('mark');
    if (!cited) return;
    preview.textContent = cited.textContent;
    preview.hidden = false;
    const box = link.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    preview.style.maxWidth = width + 'px';
    preview.style.left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8)) + 'px';
    preview.style.top = box.bottom + 6 + 'px';
    link.setAttribute('aria-describedby', 'cite-preview');
  };
  const hidePreview = () => {
    preview.hidden = true;
  };

  const copyText = async (text) => {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = document.createElement('textarea'); // plain http on another host: no clipboard API
    area.value = text;
    area.style.position = 'fixed';
    area.style.left = '-9999px';
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  };

  document.addEventListener('click', (event) => {
    const link = citeOf(event.target);
    if (link) {
      event.preventDefault();
      hidePreview();
      trigger('click', { citation: link.getAttribute('href').slice(1) });
      if (panelBesideChat()) return;
      const card = passageOf(link);
      if (!card) return;
      const opening = card.hidden;
      card.closest('.passages').querySelectorAll('.passage').forEach((other) => { other.hidden = true; });
      card.hidden = !opening;
      link.closest('.answer').querySelectorAll('a.cite').forEach((other) => {
        other.setAttribute('aria-expanded', String(opening && other.getAttribute('href') === link.getAttribute('href')));
      });
      if (opening) card.scrollIntoView({ block: 'nearest' });
      return;
    }
    const copy = event.target.closest && event.target.closest('#chat button.copy-answer');
    if (copy) {
      const lines = [...copy.closest('.answer').querySelectorAll('.plain > span')].map((line) => line.textContent);
      copyText(lines.join('\n')).then(() => {
        copy.textContent = 'Copied';
        setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
      });
    }
  });

  // Hover (with a mouse) or keyboard focus on [n] previews the cited sentence.
  document.addEventListener('mouseover', (event) => {
    const link = citeOf(event.target);
    if (link && window.matchMedia('(hover: hover)').matches) showPreview(link);
  });
  document.addEventListener('mouseout', (event) => {
    if (citeOf(event.target)) hidePreview();
  });
  document.addEventListener('focusin', (event) => {
    const link = citeOf(event.target);
    if (link && link.matches(':focus-visible')) showPreview(link);
  });
  document.addEventListener('focusout', (event) => {
    if (citeOf(event.target)) hidePreview();
    // Gradio leaves a dropdown's option list open when Tab moves on, so tabbing through the
    // dropdowns stacks their lists; an Escape to the one left behind closes it.
    const input = event.target;
    if (input.getAttribute && input.getAttribute('role') === 'combobox' && event.relatedTarget) {
      const block = input.closest('.block');
      if (block && block.contains(event.relatedTarget)) return;
      setTimeout(() => {
        if (input.getAttribute('aria-expanded') === 'true' && document.activeElement !== input) {
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        }
      }, 0);
    }
  });
}
