import classes from './skip-link.module.css';

export const MAIN_CONTENT_ID = 'main-content';

/**
 * The first thing the Tab key reaches: past the header and navigation, straight to the page.
 * Hidden until focused; focuses the main region itself, so the next Tab goes on inside it.
 */
export function SkipLink() {
  return (
    <a
      className={classes.skip}
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
