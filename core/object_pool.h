// Objects kept for reuse by concurrent callers: each call takes one (a new
// one when none is free) and gives it back when done. The engine keeps its
// per-analysis buffers this way, so analysing a text allocates little once
// a few texts have been seen, and Analyze() stays safe to call concurrently.

#ifndef VIGIE_CORE_OBJECT_POOL_H_
#define VIGIE_CORE_OBJECT_POOL_H_

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace vigie {

template <typename T>
class ObjectPool {
 public:
  // An object taken from the pool, given back when the lease ends.
  class Lease {
   public:
    Lease(ObjectPool* pool, std::unique_ptr<T> object)
        : pool_(pool), object_(std::move(object)) {}
    ~Lease() { pool_->GiveBack(std::move(object_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    T& operator*() const { return *object_; }
    T* operator->() const { return object_.get(); }

   private:
    ObjectPool* pool_;
    std::unique_ptr<T> object_;
  };

  Lease Take() {
    std::unique_ptr<T> object;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        object = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (object == nullptr) object = std::make_unique<T>();
    return Lease(this, std::move(object));
  }

 private:
  void GiveBack(std::unique_ptr<T> object) {
    const std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(object));
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> free_;
};

}  // namespace vigie

#endif  // VIGIE_CORE_OBJECT_POOL_H_
