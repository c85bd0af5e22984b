// Run once as the name note's js_on_load (`server.name_note` is the Python check, `props.value` the note).
// As a corpus name is typed, the server's rule judges it; a verdict shows only while the box still
// holds what was judged, so a late reply never overwrites a newer one.
if (!window.__assistantCorpusName) {
  window.__assistantCorpusName = true;
  document.addEventListener('input', (event) => {
    const field = event.target;
    if (!field.closest || !field.closest('#upload-corpus')) return;
    const typed = field.value;
    server.name_note(typed).then((verdict) => {
      if (field.value === typed) props.value = verdict;
    });
  });
}
