package org.pmoresearch.survey.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.stream.binder.kafka.provisioning.KafkaTopicProvisioner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Loaded into the Kafka binder's own child context through
 * {@code spring.cloud.stream.binders.kafka.environment.spring.main.sources}; deliberately not a
 * {@code @Configuration}, so that component scanning leaves it out of the application context.
 * <p>
 * Before it creates a binding the binder looks up the topic's partitions and, by default, retries
 * that look-up ten times with back-off, each attempt waiting for client timeouts. With the broker
 * unreachable that held start-up, web server included, for a minute or more. One attempt is enough: a
 * binding that fails is retried in the background every {@code spring.cloud.stream.binding-retry-interval}
 * seconds, and meanwhile the service is up and answers 503.
 */
public class KafkaBinderStartup {

    @Bean
    static BeanPostProcessor singleTopicMetadataAttempt() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaTopicProvisioner provisioner) {
                    provisioner.setMetadataRetryOperations(new RetryTemplate(RetryPolicy.withMaxRetries(0)));
                }
                return bean;
            }
        };
    }
}
