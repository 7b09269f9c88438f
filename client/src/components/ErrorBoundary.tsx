import { Component, type ReactNode } from 'react';

/**
 * Shows `fallback` instead of crashing the page when a part fails, e.g. a lazy
 * chunk that cannot be fetched while offline.
 */
export class ErrorBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
