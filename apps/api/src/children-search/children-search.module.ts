import { Module } from '@nestjs/common';
import { ChildSearchIndexLifecycle, CHILD_SEARCH_INDEX, childSearchIndexProvider } from './child-search-index.provider';
import { ChildrenSearch } from './children-search.service';

/** `GET /children?search=` (served by the web controller, as JSON or as the Find a child page) and the index erasure empties. */
@Module({
  providers: [childSearchIndexProvider, ChildSearchIndexLifecycle, ChildrenSearch],
  exports: [ChildrenSearch, CHILD_SEARCH_INDEX],
})
export class ChildrenSearchModule {}
