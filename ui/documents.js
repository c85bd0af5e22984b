// Run once as the documents list's js_on_load (`element` is the list, `trigger` sends it an event).
// Delete asks first, in place: the button gives way to "… ? Delete / Cancel", and only the second
// Delete goes to the server, as a 'click' event naming what to delete.
element.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('button');
  if (!button) return;
  const item = button.closest('.item');
  const ask = item.querySelector(':scope > button.delete');
  const confirm = item.querySelector(':scope > .confirm');
  if (button.classList.contains('delete')) {
    ask.hidden = true;
    confirm.hidden = false;
    confirm.querySelector('button.no').focus();
  } else if (button.classList.contains('no')) {
    confirm.hidden = true;
    ask.hidden = false;
    ask.focus();
  } else if (button.classList.contains('yes')) {
    button.disabled = true;
    button.textContent = 'Deleting…';
    trigger('click', {
      action: button.dataset.action,
      corpus: button.dataset.corpus,
      document: button.dataset.document,
    });
  }
});
